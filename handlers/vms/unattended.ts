// Unattended installs from an ISO (issue 15): the offer osinfo-db makes for it, the request checked and the scripts
// rendered before anything is made, then (inside the create Task, journaled) the volumes that carry the scripts, and
// the install run's XML — the persistent definition stays the final one (boots from disk); the install run boots
// the installer (directly its kernel and initrd for initrd injection) and ends at the installer's reboot.
import type { Connection } from '../../libvirt/index.ts';
import { attr, child, children, el, metadataElement, parseDomainXML, updateDomainXML, type DomainModel } from '../../libvirt/xml/index.ts';
import { KimchiError } from '../common/errors.ts';
import { loadDatabase, HOST_ARCH, type OsEntry } from '../templates/osinfo/database.ts';
import { identify } from '../templates/osinfo/detect.ts';
import { loadInstallScripts, offerFor, type InstallOffer } from '../templates/osinfo/install-scripts.ts';
import type { TemplateSpec } from '../templates/schemas.ts';
import type { VmCreate } from './create-schemas.ts';
import { uploadSeed } from './cloudinit-seed.ts';
import type { Rollback } from './rollback.ts';
import { renderScripts } from './unattended-render.ts';
import { isoFile, scriptIso, withScripts } from './unattended-media.ts';
import type { UnattendedField, UnattendedOffer } from './unattended-schemas.ts';
import { volumeNamer } from './volumes.ts';

/** Our namespace in a domain's <metadata>: `<ua:install><ua:volume path="…"/></ua:install>` names what we made for the install. */
export const INSTALL_NS = 'urn:kimchi-ts:unattended:1';

const FIELD: Record<string, UnattendedField> = {
  'user-login': 'user', 'user-password': 'password', 'admin-password': 'admin_password', 'l10n-language': 'locale',
  'l10n-timezone': 'timezone', hostname: 'hostname', 'reg-product-key': 'product_key',
};

/** The offer as GET /isos shows it: the fields the scripts use; user and password are always asked for. */
export function offerView(offer: InstallOffer): UnattendedOffer {
  const fields = new Map<UnattendedField, boolean>([['user', true], ['password', true]]);
  for (const s of offer.scripts) {
    for (const [param, required] of s.params) {
      const f = FIELD[param];
      if (f && !fields.get(f)) fields.set(f, f === 'product_key' ? required : f === 'admin_password' ? false : required);
    }
  }
  return { profile: offer.profile, injection: offer.injection, fields: [...fields].map(([name, required]) => ({ name, required })) };
}

/** The offer for an ISO osinfo-db already identified (by its OS id and volume label), if its OS has a script. */
export async function offerForIso(osinfoId: string | undefined, volumeId: string): Promise<InstallOffer | undefined> {
  const db = await loadDatabase().catch(() => undefined);
  const entry = osinfoId ? db?.byId.get(osinfoId) : undefined;
  if (!entry) return undefined;
  const scripts = await loadInstallScripts().catch(() => new Map());
  const rules = entry.media.filter((r) => r.volumeId?.test(volumeId)).sort((a, b) => Number(b.arch === HOST_ARCH) - Number(a.arch === HOST_ARCH));
  return offerFor(entry, rules[0], scripts);
}

export interface UnattendedPlan {
  pool: string;
  offer: InstallOffer;
  cmdline: string;
  /** volume name → bytes, in the order they are made */
  volumes: Array<{ role: 'kernel' | 'initrd' | 'script'; name: string; bytes: Buffer }>;
}

const ZONES = new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]);

/** Everything checked (4xx) and built in memory; nothing made yet. */
export async function planUnattended(conn: Connection, input: VmCreate, spec: TemplateSpec, vm: string, pool: string): Promise<UnattendedPlan> {
  const ua = input.unattended!;
  if (input.source?.type !== 'iso') throw new KimchiError(400, 'KCHUA0002E');
  if (input.start === false) throw new KimchiError(400, 'KCHUA0008E');
  const { candidates } = await identify(input.source.path);
  const best = candidates[0];
  const scripts = await loadInstallScripts().catch(() => new Map());
  const offer = best ? offerFor(best.entry, best.rule, scripts) : undefined;
  const osName = best?.entry.name ?? (spec.os_distro === 'unknown' ? input.source.path : `${spec.os_distro} ${spec.os_version}`);
  if (!offer) throw new KimchiError(409, 'KCHUA0001E', { os: osName });
  if (ua.timezone === undefined && offer.scripts.some((s) => s.params.has('l10n-timezone'))) {
    throw new KimchiError(400, 'KCHUA0003E', { os: osName, field: { t: 'ua.field.timezone' } });
  }
  if (ua.timezone !== undefined && !ZONES.has(ua.timezone)) throw new KimchiError(400, 'KCHUA0004E', { tz: ua.timezone });
  const keyScript = offer.scripts.find((s) => s.params.get('reg-product-key'));
  const keyFormat = keyScript?.productKeyFormat;
  if (keyScript && !ua.product_key) {
    throw new KimchiError(400, 'KCHUA0003E', { os: osName, field: { t: 'ua.field.product_key' } });
  }
  if (ua.product_key && keyFormat && !new RegExp(`^${keyFormat.replace(/\$/g, '[A-Za-z0-9]')}$`).test(ua.product_key)) {
    throw new KimchiError(400, 'KCHUA0005E', { format: keyFormat.replace(/\$/g, 'X') });
  }
  const rendered = await renderScripts({ offer, entry: best!.entry as OsEntry, values: ua, vm, diskBus: spec.disk_bus, arch: HOST_ARCH });
  const name = volumeNamer(conn);
  const volumes: UnattendedPlan['volumes'] = [];
  if (offer.injection === 'initrd') {
    const [kernel, initrd] = await Promise.all([isoFile(input.source.path, offer.kernel!), isoFile(input.source.path, offer.initrd!)]);
    volumes.push({ role: 'kernel', name: await name(pool, `${vm}-install-kernel`, 'img'), bytes: kernel });
    volumes.push({ role: 'initrd', name: await name(pool, `${vm}-install-initrd`, 'img'), bytes: withScripts(initrd, rendered.files) });
  } else {
    volumes.push({ role: 'script', name: await name(pool, `${vm}-install-script`, 'iso'), bytes: await scriptIso(rendered.files) });
  }
  return { pool, offer, cmdline: rendered.cmdline, volumes };
}

export type MadeInstall = Partial<Record<'kernel' | 'initrd' | 'script', string>>;

/** Inside the Task: each volume journaled before it is made (a failed upload removes its own volume). */
export async function makeUnattended(conn: Connection, undo: Rollback, plan: UnattendedPlan): Promise<MadeInstall> {
  const pool = await conn.storagePoolLookupByName(plan.pool);
  const made: MadeInstall = {};
  for (const v of plan.volumes) {
    const vol = await undo.make(`delete volume ${plan.pool}/${v.name}`, { kind: 'volume', pool: plan.pool, name: v.name },
      () => uploadSeed(conn, pool, v.name, v.bytes), (x) => conn.storageVolDelete(x));
    made[v.role] = await conn.storageVolGetPath(vol);
  }
  return made;
}

/** The final XML with what we made recorded in its <metadata> (DELETE removes them with the guest). */
export const withInstallMetadata = (xml: string, made: MadeInstall) => updateDomainXML(xml, (m) => {
  m.metadata.push(el('ua:install', { 'xmlns:ua': INSTALL_NS }, Object.values(made).map((path) => el('ua:volume', { path }))));
});

/** The volumes a domain's metadata says we made for its unattended install. */
export function installVolumesOf(m: Pick<DomainModel, 'metadata'>): string[] {
  return children(metadataElement(m, INSTALL_NS), 'ua:volume').map((v) => attr(v, 'path')).filter((p): p is string => !!p);
}

/** The install run's XML: the final one with its uuid, the installer booted (kernel, initrd, arguments or the script CD-ROM), no reboot. */
export function installXML(finalXml: string, uuid: string, made: MadeInstall, cmdline: string): string {
  const taken = new Set(parseDomainXML(finalXml).devices.disks.map((d) => d.target.dev));
  return updateDomainXML(finalXml, (_m, root) => {
    if (!child(root, 'uuid')) root.children.splice(1, 0, el('uuid', {}, [{ text: uuid }]));
    const os = child(root, 'os')!;
    if (made.kernel && made.initrd) {
      os.children.push(el('kernel', {}, [{ text: made.kernel }]), el('initrd', {}, [{ text: made.initrd }]));
      if (cmdline) os.children.push(el('cmdline', {}, [{ text: cmdline }]));
    }
    root.children.push(el('on_reboot', {}, [{ text: 'destroy' }]));
    if (made.script) {
      const dev = ['sdb', 'sdc', 'sdd', 'sde', 'sdf'].find((d) => !taken.has(d))!;
      child(root, 'devices')!.children.push(el('disk', { type: 'file', device: 'cdrom' }, [
        el('driver', { name: 'qemu', type: 'raw' }), el('source', { file: made.script }), el('target', { dev, bus: 'sata' }), el('readonly'),
      ]));
    }
  });
}
