// VM orchestration over libvirt: every guest libvirtd knows, including ones made with virsh or virt-manager.
import { DomainState, type Connection } from '../../libvirt/index.ts';
import type { VmSummary } from './schemas.ts';

const stateName: Record<number, VmSummary['state']> = {
  [DomainState.NOSTATE]: 'nostate', [DomainState.RUNNING]: 'running', [DomainState.BLOCKED]: 'blocked',
  [DomainState.PAUSED]: 'paused', [DomainState.SHUTDOWN]: 'shutdown', [DomainState.SHUTOFF]: 'shutoff',
  [DomainState.CRASHED]: 'crashed', [DomainState.PMSUSPENDED]: 'pmsuspended',
};

export async function listVms(conn: Connection): Promise<VmSummary[]> {
  const doms = await conn.connectListAllDomains();
  const states = await Promise.all(doms.map((d) => conn.domainGetState(d)));
  return doms
    .map((d, i) => ({ name: d.name, uuid: d.uuid, state: stateName[states[i].state] ?? 'nostate' }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
