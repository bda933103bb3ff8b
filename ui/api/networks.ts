// Typed calls of the network and host interface resources: list, create, actions, autostart, delete, leases.
import type { DhcpHost, DhcpHostInput, HostInterface, Lease, Network, NetworkInput } from '../../handlers/networks/schemas.ts';
import { request } from './client.ts';
import { scoped } from './scope.ts';

export type { DhcpHost, DhcpHostInput, HostInterface, Lease, Network, NetworkInput } from '../../handlers/networks/schemas.ts';

const path = (name: string) => `/networks/${encodeURIComponent(name)}`;

/** GET /api/networks: every libvirt network with state, connection, subnet, DHCP range and the VMs on it. */
export function listNetworks(): Promise<Network[]> {
  return request<Network[]>('GET', scoped('/networks'));
}

/** POST /api/networks → 201; defined inactive (activate starts it); a nat/isolated subnet is chosen when omitted. */
export function createNetwork(input: NetworkInput): Promise<Network> {
  return request<Network>('POST', scoped('/networks'), input);
}

/** POST /api/networks/:name/activate|deactivate → the network in its new state (409 while running VMs use it). */
export function networkAction(name: string, action: 'activate' | 'deactivate'): Promise<Network> {
  return request<Network>('POST', scoped(`${path(name)}/${action}`));
}

/** PUT /api/networks/:name: whether it starts with the host. */
export function setNetworkAutostart(name: string, autostart: boolean): Promise<Network> {
  return request<Network>('PUT', scoped(path(name)), { autostart });
}

/** DELETE /api/networks/:name → 204; `default` needs `confirmDefault` (the server refuses it otherwise). */
export function deleteNetwork(name: string, confirmDefault = false): Promise<void> {
  return request<void>('DELETE', scoped(path(name)), confirmDefault ? { confirm: 'default' } : undefined);
}

/** GET /api/networks/:name/leases: current DHCP leases. */
export function listLeases(name: string): Promise<Lease[]> {
  return request<Lease[]>('GET', scoped(`${path(name)}/leases`));
}

/** POST /api/networks/:name/dhcp-hosts → every fixed host after the change (applied live and saved). */
export function addDhcpHost(name: string, host: DhcpHostInput): Promise<DhcpHost[]> {
  return request<DhcpHost[]>('POST', scoped(`${path(name)}/dhcp-hosts`), host);
}

/** DELETE /api/networks/:name/dhcp-hosts/:mac → 204. */
export function removeDhcpHost(name: string, mac: string): Promise<void> {
  return request<void>('DELETE', scoped(`${path(name)}/dhcp-hosts/${encodeURIComponent(mac)}`));
}

/** GET /api/interfaces: the host's NICs, bridges, VLANs and bonds. */
export function listInterfaces(): Promise<HostInterface[]> {
  return request<HostInterface[]>('GET', scoped('/interfaces'));
}
