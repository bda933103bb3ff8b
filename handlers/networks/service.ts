// Network orchestration: create (undone on failure), delete, activate/deactivate, autostart, DHCP leases.
import pLimit from 'p-limit';
import type { Db } from '../../db/index.ts';
import { ErrorCode, LibvirtError, type Connection, type Network as NetHandle } from '../../libvirt/index.ts';
import { buildNetworkXML } from '../../libvirt/xml/index.ts';
import { KimchiError } from '../common/errors.ts';
import { planNetwork } from './plan.ts';
import type { Lease, Network, NetworkDelete, NetworkInput } from './schemas.ts';
import { templateNetworks, usageOf, vmNics } from './usage.ts';
import { factsOf, lookupNetwork, networkView } from './view.ts';

/** libvirt codes that mean "this definition is wrong", not "libvirt broke": XML error 27, config unsupported 67, invalid arg. */
const BAD_DEFINITION = new Set<number>([27, 67, ErrorCode.INVALID_ARG]);

async function exists(conn: Connection, name: string): Promise<boolean> {
  try { await conn.networkLookupByName(name); return true; } catch (e) {
    if (e instanceof LibvirtError && e.code === ErrorCode.NO_NETWORK) return false;
    throw e;
  }
}

/**
 * Creates run one at a time: each plans against the networks the previous one left, so two requests at the same
 * instant cannot both pick the same free subnet or bridge name.
 */
const oneCreateAtATime = pLimit(1);

/** Kimchi's create: defined (persistent), autostart on unless asked otherwise, left inactive until `activate`. */
export function createNetwork(conn: Connection, db: Db, input: NetworkInput): Promise<Network> {
  return oneCreateAtATime(() => defineNetwork(conn, db, input));
}

async function defineNetwork(conn: Connection, db: Db, input: NetworkInput): Promise<Network> {
  if (await exists(conn, input.name)) throw new KimchiError(409, 'KCHNET0001E', { name: input.name });
  const others = await Promise.all((await conn.connectListAllNetworks()).map((n) => factsOf(conn, n)));
  const spec = await planNetwork(conn, input, others);
  let net: NetHandle;
  try {
    net = await conn.networkDefineXML(buildNetworkXML(spec));
  } catch (e) {
    if (e instanceof LibvirtError && BAD_DEFINITION.has(e.code)) throw new KimchiError(400, 'KCHNET0015E', { detail: e.message }, { cause: e });
    throw e;
  }
  try {
    await conn.networkSetAutostart(net, input.autostart ?? true);
    return await networkView(conn, db, input.name);
  } catch (e) {
    await conn.networkUndefine(net).catch(() => {});
    throw e;
  }
}

async function refuseWhileRunning(conn: Connection, db: Db, net: NetHandle): Promise<void> {
  const facts = await factsOf(conn, net);
  const usage = usageOf(net.name, facts.model.bridge, await vmNics(conn), templateNetworks(db));
  if (usage.running.length) throw new KimchiError(409, 'KCHNET0008E', { name: net.name, vms: usage.running.join(', ') });
}

/** Destroy (if active) and undefine (if persistent); `default` only with `{confirm: "default"}`, never under running VMs. */
export async function deleteNetwork(conn: Connection, db: Db, name: string, body: NetworkDelete): Promise<void> {
  const net = await lookupNetwork(conn, name);
  if (name === 'default' && body.confirm !== 'default') throw new KimchiError(409, 'KCHNET0009E');
  await refuseWhileRunning(conn, db, net);
  const [active, persistent] = await Promise.all([conn.networkIsActive(net), conn.networkIsPersistent(net)]);
  if (active) await conn.networkDestroy(net);
  if (persistent) await conn.networkUndefine(net);
}

export async function activateNetwork(conn: Connection, db: Db, name: string): Promise<Network> {
  const net = await lookupNetwork(conn, name);
  if (!(await conn.networkIsActive(net))) await conn.networkCreate(net);
  return networkView(conn, db, name);
}

/** Stops the network (refused while running VMs use it); a transient network would vanish, so it is refused too. */
export async function deactivateNetwork(conn: Connection, db: Db, name: string): Promise<Network> {
  const net = await lookupNetwork(conn, name);
  await refuseWhileRunning(conn, db, net);
  if (!(await conn.networkIsPersistent(net))) {
    throw new KimchiError(409, 'KCHNET0017E', { name });
  }
  if (await conn.networkIsActive(net)) await conn.networkDestroy(net);
  return networkView(conn, db, name);
}

export async function setNetworkAutostart(conn: Connection, db: Db, name: string, autostart: boolean): Promise<Network> {
  await conn.networkSetAutostart(await lookupNetwork(conn, name), autostart);
  return networkView(conn, db, name);
}

export async function networkLeases(conn: Connection, name: string): Promise<Lease[]> {
  const net = await lookupNetwork(conn, name);
  let leases;
  try {
    leases = await conn.networkGetDHCPLeases(net);
  } catch (e) {
    if (e instanceof LibvirtError && e.code === ErrorCode.NO_SUPPORT) throw new KimchiError(409, 'KCHNET0016E', { name }, { cause: e });
    throw e;
  }
  return leases.map((l) => ({
    iface: l.iface, type: l.type === 1 ? 'ipv6' : 'ipv4', mac: l.mac, ipaddr: l.ipaddr, prefix: l.prefix,
    hostname: l.hostname, clientid: l.clientid, iaid: l.iaid, expirytime: l.expirytime,
  }));
}
