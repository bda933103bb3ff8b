// VM actions (start, poweroff, shutdown, reset, suspend, resume, reboot, nmi): the states each accepts, decided from the state we read.
import { lockVm, unlockVm } from '../../db/index.ts';
import { DomainRebootFlags, DomainState } from '../../libvirt/index.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import type { Vm, VmAction } from './schemas.ts';
import { assertNotBusy, lookupVm, readVm, stateParam } from './service.ts';

const S = DomainState;
const ACTIVE = [S.RUNNING, S.BLOCKED, S.PAUSED, S.SHUTDOWN, S.CRASHED, S.PMSUSPENDED];

/** The states from which each action makes sense; anything else is a 409 naming the state. */
const ALLOWED: Record<VmAction, readonly number[]> = {
  // An inactive domain (shut off, or crashed and not preserved) boots from its config.
  start: [S.SHUTOFF, S.CRASHED, S.NOSTATE],
  // Pulling the plug works from any active state, including a shutdown the guest is ignoring.
  poweroff: ACTIVE,
  // ACPI shutdown needs a guest that runs: a paused guest cannot answer it.
  shutdown: [S.RUNNING, S.BLOCKED],
  reset: [S.RUNNING, S.BLOCKED, S.PAUSED, S.SHUTDOWN],
  suspend: [S.RUNNING, S.BLOCKED],
  resume: [S.PAUSED],
  // A graceful reboot asks the guest (ACPI or its agent), so it must be running; an NMI goes to running vCPUs too.
  reboot: [S.RUNNING, S.BLOCKED],
  nmi: [S.RUNNING, S.BLOCKED],
};

export async function runAction(deps: Deps, name: string, action: VmAction): Promise<Vm> {
  const conn = deps.libvirt.connection;
  let dom = await lookupVm(conn, name);
  // start is the only action a clone or template copy must not race with (it would write the disks): it holds the
  // VM's lock while libvirt starts it, and those operations check the state under the same lock.
  let unlock: (() => void) | undefined;
  if (action === 'start') {
    if (!lockVm(deps.db, dom.uuid, 'start')) {
      assertNotBusy(deps.db, dom);
      throw new KimchiError(409, 'KCHVM0009E', { name: dom.name, operation: 'start' });
    }
    unlock = () => unlockVm(deps.db, dom.uuid);
  }
  try {
    const { state } = await conn.domainGetState(dom);
    if (!ALLOWED[action].includes(state)) {
      throw new KimchiError(409, 'KCHVM0005E', { name: dom.name, action: { t: `vmaction.${action}` }, state: stateParam(state) });
    }
    switch (action) {
      case 'start': dom = await conn.domainCreate(dom); break;
      case 'poweroff': await conn.domainDestroy(dom); break;
      case 'shutdown': await conn.domainShutdown(dom); break;
      case 'reset': await conn.domainReset(dom); break;
      case 'suspend': await conn.domainSuspend(dom); break;
      case 'resume': await conn.domainResume(dom); break;
      case 'reboot': await conn.domainReboot(dom, DomainRebootFlags.DEFAULT); break;
      case 'nmi': await conn.domainInjectNMI(dom); break;
    }
  } finally {
    unlock?.();
  }
  return readVm(deps, dom);
}
