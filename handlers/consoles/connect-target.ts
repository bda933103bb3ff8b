// Where a running VM's consoles are: its VNC address (loopback only) and whether it has a serial console.
import { DomainState, type Connection, type Domain } from '../../libvirt/index.ts';
import { parseDomainXML } from '../../libvirt/xml/index.ts';
import { KimchiError } from '../common/errors.ts';
import { stateParam } from '../vms/service.ts';

/** States with a live QEMU process, hence a VNC server and a console to attach to. */
const LIVE: number[] = [DomainState.RUNNING, DomainState.BLOCKED, DomainState.PAUSED];

/** True for addresses that only this host can reach: 127.0.0.0/8, ::1 (also v4-mapped) and `localhost`. */
export function isLoopback(address: string): boolean {
  const a = address.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (a === 'localhost' || a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
  const v4 = a.startsWith('::ffff:') ? a.slice(7) : a;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

export interface ConsoleTarget {
  dom: Domain;
  /** The VNC server to proxy to, when the VM has VNC graphics on a loopback TCP address. */
  vnc: { host: string; port: number } | null;
  /** Why there is no VNC target: absent graphics or a listen address other hosts can reach. */
  vncProblem: KimchiError | null;
  serial: boolean;
}

/** Read the live XML and state once; 409 when the VM has no running QEMU process. */
export async function consoleTarget(conn: Connection, dom: Domain): Promise<ConsoleTarget> {
  const [xml, { state }] = await Promise.all([conn.domainGetXMLDesc(dom, 0), conn.domainGetState(dom)]);
  if (!LIVE.includes(state)) throw new KimchiError(409, 'KCHCONS0001E', { name: dom.name, state: stateParam(state) });
  const m = parseDomainXML(xml);
  const g = m.devices.graphics.find((d) => d.type === 'vnc');
  let vnc: ConsoleTarget['vnc'] = null;
  let vncProblem: KimchiError | null = null;
  if (!g || g.port === undefined || g.port <= 0) vncProblem = new KimchiError(409, 'KCHCONS0002E', { name: dom.name });
  else if (!g.listen || !isLoopback(g.listen)) {
    // Proxying would hand the VNC server to anyone with a token while it is also open to the network: refuse.
    vncProblem = new KimchiError(409, 'KCHCONS0003E', { name: dom.name, listen: g.listen ?? '0.0.0.0' });
  } else vnc = { host: g.listen === 'localhost' ? '127.0.0.1' : g.listen.replace(/^\[|\]$/g, ''), port: g.port };
  return { dom, vnc, vncProblem, serial: m.devices.consoles.length > 0 || m.devices.serials.length > 0 };
}
