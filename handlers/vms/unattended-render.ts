// Renders osinfo-db's install scripts as libosinfo does: its XSLT over an <install-script-config> document (config, os,
// script), once for the script and once for the kernel command line — by xsltproc (argv only) in a private temp dir,
// so passwords never reach a command line, a log or our database.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { el, serializeXml, type XElement } from '../../libvirt/xml/index.ts';
import { KimchiError } from '../common/errors.ts';
import type { OsEntry } from '../templates/osinfo/database.ts';
import type { InstallOffer, InstallScript } from '../templates/osinfo/install-scripts.ts';
import { keyboardFor, layoutOnly } from './unattended-keyboard.ts';
import { inTemp } from './unattended-media.ts';
import type { Unattended } from './unattended-schemas.ts';

export interface RenderInput {
  offer: InstallOffer;
  entry: OsEntry;
  values: Unattended;
  /** The VM's name (the default host name) and how its first disk is attached (the target disk the installer uses). */
  vm: string;
  diskBus: string;
  arch: string;
}

export interface Rendered {
  /** expected file name → content */
  files: Map<string, Buffer>;
  /** Kernel arguments the scripts ask for (empty for Windows). */
  cmdline: string;
}

const windows = (s: InstallScript) => s.params.has('reg-product-key') || /^(win|microsoft)/.test(s.id.replace(/^https?:\/\/(www\.)?/, ''));

/** The `config` values of one script: only the parameters the script declares, as libosinfo passes them. */
function configOf(s: InstallScript, r: RenderInput, keyboard: string): Record<string, string> {
  const v = r.values;
  const win = windows(s);
  const [lang, region] = v.locale.split(/[-_]/);
  const hostname = v.hostname ?? (r.vm.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, win ? 15 : 63) || 'guest');
  const all: Record<string, string | undefined> = {
    'user-login': v.user, 'user-password': v.password, 'user-realname': v.user,
    'admin-password': v.admin_password ?? v.password,
    'l10n-language': region ? `${lang.toLowerCase()}${win ? '-' : '_'}${region.toUpperCase()}` : lang.toLowerCase(),
    // osinfo-db's locale → X11 layout map (unattended-keyboard.ts), as libosinfo applies the scripts' value-map.
    'l10n-keyboard': keyboard,
    'l10n-timezone': v.timezone, hostname, 'reg-product-key': v.product_key, 'hardware-arch': r.arch,
    'target-disk': win ? 'C' : r.diskBus === 'virtio' ? '/dev/vda' : '/dev/sda',
  };
  const out: Record<string, string> = {};
  for (const name of s.params.keys()) if (all[name] !== undefined) out[name] = all[name]!;
  return out;
}

/** The document libosinfo hands the stylesheet: root `install-script-config` for the script, `command-line` for the kernel arguments. */
export function configDocument(rootName: string, s: InstallScript, r: RenderInput, keyboard = 'us'): string {
  const kids = (o: Record<string, string | undefined>): XElement[] =>
    Object.entries(o).filter(([, x]) => x !== undefined).map(([k, x]) => el(k, {}, [{ text: x! }]));
  const e = r.entry;
  const root = el(rootName, {}, [
    el('config', {}, kids(configOf(s, r, rootName === 'command-line' ? layoutOnly(keyboard) : keyboard))),
    el('os', {}, kids({ id: e.id, 'short-id': e.shortIds[0], name: e.name, version: e.version, distro: e.distro })),
    el('script', {}, kids({
      id: s.id, profile: s.profile, 'expected-filename': s.expectedFilename,
      'preferred-injection-method': r.offer.injection, 'installation-source': 'media',
    })),
  ]);
  return `<?xml version="1.0"?>\n${serializeXml(root)}\n`;
}

function xsltproc(style: string, input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('xsltproc', ['--nonet', '--novalid', style, input], { timeout: 30_000, maxBuffer: 8 * 1024 * 1024 }, (err, out, stderr) => {
      if (err) reject(new KimchiError(500, 'KCHUA0006E', { detail: String(stderr).trim().split('\n').pop() || err.message }, { cause: err }));
      else resolve(String(out));
    });
  });
}

/** Every script of the offer rendered, and the kernel command line they ask for. */
export async function renderScripts(r: RenderInput): Promise<Rendered> {
  // A private dir (0700): the passwords are readable by us only.
  return inTemp(async (dir) => {
    const keyboard = await keyboardFor(r.values.locale);
    const files = new Map<string, Buffer>();
    const args: string[] = [];
    for (const [i, s] of r.offer.scripts.entries()) {
      const style = join(dir, `${i}.xsl`);
      await writeFile(style, `<?xml version="1.0"?>\n${s.stylesheet}\n`, { mode: 0o600 });
      // Windows scripts have no kernel arguments (no /command-line template): XSLT's defaults would echo the input.
      const roots = s.stylesheet.includes('match="/command-line"') ? ['install-script-config', 'command-line'] : ['install-script-config'];
      for (const root of roots) {
        const input = join(dir, `${i}-${root}.xml`);
        await writeFile(input, configDocument(root, s, r, keyboard), { mode: 0o600 });
        const out = await xsltproc(style, input);
        if (root === 'command-line') { if (out.trim()) args.push(out.trim()); } else files.set(s.expectedFilename, Buffer.from(out));
      }
    }
    return { files, cmdline: args.join(' ') };
  });
}
