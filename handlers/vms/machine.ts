// GET/PUT /vms/{name}/machine: firmware, Secure Boot, TPM and CPU (shut off only), watchdog and vsock, and the pending marker.
import { DomainState, DomainXMLFlags, ErrorCode, LibvirtError, type Connection, type Domain } from '../../libvirt/index.ts';
import { applyMachine, attr, parseMachine, parseXml, serializeXml, type MachineModel } from '../../libvirt/xml/index.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { checkMachine, domainCaps, tpmModel } from './machine-offer.ts';
import type { MachineSettings, VmMachine, VmMachineUpdate } from './machine-schemas.ts';
import { settingsModel } from './machine-spec.ts';
import { pendingParts } from './pending.ts';
import { assertNotBusy, lookupVm, stateParam } from './service.ts';

const ACTIVE: number[] = [DomainState.RUNNING, DomainState.BLOCKED, DomainState.PAUSED, DomainState.PMSUSPENDED, DomainState.SHUTDOWN];

/** The live and saved XML of a guest (the same for a transient one) and the parts where they differ. */
export async function definitions(conn: Connection, dom: Domain): Promise<{ live: string; saved: string; active: boolean; pending: string[] }> {
  const [live, persistent, active] = await Promise.all([conn.domainGetXMLDesc(dom, 0), conn.domainIsPersistent(dom), conn.domainIsActive(dom)]);
  const saved = persistent && active ? await conn.domainGetXMLDesc(dom, DomainXMLFlags.INACTIVE) : live;
  return { live, saved, active, pending: persistent && active ? pendingParts(live, saved) : [] };
}

export async function getMachine(deps: Deps, name: string): Promise<VmMachine> {
  const conn = deps.libvirt.connection;
  const { live, saved, pending } = await definitions(conn, await lookupVm(conn, name));
  const m = parseMachine(parseXml(saved).root), l = parseMachine(parseXml(live).root);
  return {
    firmware: m.firmware === 'efi' ? 'uefi' : 'bios',
    secure_boot: m.secureBoot,
    machine: l.machine ?? m.machine ?? null,
    // libvirt writes the firmware files it picked into the live definition only.
    loader: l.loader ?? m.loader ?? null,
    nvram: l.nvram ?? m.nvram ?? null,
    tpm: m.tpm ? { model: m.tpm.model, backend: m.tpm.backend, version: m.tpm.version ?? null } : null,
    cpu_mode: m.cpu?.mode ?? null,
    cpu_model: m.cpu?.model ?? null,
    watchdog: m.watchdog as VmMachine['watchdog'],
    vsock: m.vsock,
    pending_changes: pending.length > 0,
    pending,
  };
}

/** The settings after the update, from the saved model and the fields given. */
function merged(base: MachineModel, u: VmMachineUpdate): MachineSettings {
  const firmware = u.firmware ?? (base.firmware === 'efi' ? 'uefi' : 'bios');
  const s: MachineSettings = { firmware, secure_boot: firmware === 'uefi' && (u.secure_boot ?? base.secureBoot), tpm: u.tpm ?? !!base.tpm };
  const mode = u.cpu_mode === undefined ? base.cpu?.mode : u.cpu_mode ?? undefined;
  if (mode) s.cpu_mode = mode;
  const model = u.cpu_model ?? (u.cpu_mode === undefined ? base.cpu?.model : undefined);
  if (model !== undefined) s.cpu_model = model;
  return s;
}

const refusal = (code: number): 400 | 409 | 500 => (code === ErrorCode.INVALID_ARG || code === 27 || code === 67 ? 400 : code === ErrorCode.OPERATION_INVALID ? 409 : 500);

export async function updateMachine(deps: Deps, name: string, u: VmMachineUpdate): Promise<VmMachine> {
  const conn = deps.libvirt.connection;
  const dom = await lookupVm(conn, name);
  assertNotBusy(deps.db, dom);
  const [{ state }, persistent] = await Promise.all([conn.domainGetState(dom), conn.domainIsPersistent(dom)]);
  const hardware = (['firmware', 'secure_boot', 'tpm', 'cpu_mode', 'cpu_model'] as const).filter((k) => u[k] !== undefined);
  if (!persistent && Object.keys(u).length) throw new KimchiError(409, 'KCHVM0008E', { name: dom.name, field: Object.keys(u)[0]! });
  if (hardware.length && ACTIVE.includes(state)) {
    const field = hardware[0] === 'tpm' ? 'tpm' : hardware[0]!.startsWith('cpu') ? 'cpu' : 'firmware';
    throw new KimchiError(409, 'KCHFW0008E', { name: dom.name, field: { t: `fwfield.${field}` as const }, state: stateParam(state) });
  }
  const before = await conn.domainGetXMLDesc(dom, DomainXMLFlags.INACTIVE | DomainXMLFlags.SECURE);
  const doc = parseXml(before);
  const base = parseMachine(doc.root);
  let next: MachineModel = { ...base };
  if (hardware.length) {
    const s = merged(base, u);
    const caps = await domainCaps(conn, attr(doc.root, 'type'));
    // Only what changes is checked: a guest keeps a TPM it has even if swtpm went away meanwhile.
    checkMachine({ ...s, tpm: s.tpm && !base.tpm }, caps);
    if (s.secure_boot && !base.secureBoot && !/q35/.test(base.machine ?? '')) {
      throw new KimchiError(409, 'KCHFW0009E', { name: dom.name, machine: base.machine ?? 'pc' });
    }
    next = settingsModel(base, s, tpmModel(caps));
    if (base.tpm && s.tpm) next.tpm = base.tpm;
    next.machine = base.machine;
  }
  if (u.watchdog !== undefined) next.watchdog = u.watchdog;
  if (u.vsock !== undefined) next.vsock = u.vsock;
  applyMachine(doc.root, next, base);
  const after = serializeXml(doc);
  if (after !== before) {
    try {
      await conn.domainDefineXML(after);
    } catch (e) {
      if (e instanceof LibvirtError && e.code !== ErrorCode.NO_DOMAIN) throw new KimchiError(refusal(e.code), 'KCHVM0012E', { name, detail: e.message }, { cause: e });
      throw e;
    }
  }
  deps.domainXml?.invalidate(dom.uuid);
  return getMachine(deps, dom.name);
}
