// Who uses a network: VMs with an interface on it (read from each domain's XML) and templates that name it.
import { listTemplates, type Db } from '../../db/index.ts';
import { ErrorCode, LibvirtError, type Connection } from '../../libvirt/index.ts';
import { attr, child, children, parseXml } from '../../libvirt/xml/index.ts';
import type { DomainXmlSource } from '../common/context.ts';
import { memoByText } from '../common/xml-memo.ts';

export interface VmNic { vm: string; running: boolean; network?: string; bridge?: string }

/** Every VM's NICs of type network or bridge (an interface on a network's bridge counts as using the network). */
export async function vmNics(conn: Connection, cache?: DomainXmlSource): Promise<VmNic[]> {
  const doms = await conn.connectListAllDomains();
  // A domain removed meanwhile has no NICs; any other failure must not make a VM look like it uses no network.
  const xmls = await Promise.all(doms.map((d) => (cache ? cache.get(conn, d) : conn.domainGetXMLDesc(d, 0)).catch((e: unknown) => {
    if (e instanceof LibvirtError && e.code === ErrorCode.NO_DOMAIN) return '';
    throw e;
  })));
  const out: VmNic[] = [];
  doms.forEach((d, i) => {
    if (!xmls[i]) return;
    for (const nic of nicsOf(xmls[i]!)) out.push({ vm: d.name, running: d.id > 0, ...nic });
  });
  return out;
}

/** The network or bridge of each NIC in a domain XML (memoized by the text: most XMLs do not change between lists). */
const nicsOf = memoByText((xml: string): ReadonlyArray<{ network?: string; bridge?: string }> => {
  const out: Array<{ network?: string; bridge?: string }> = [];
  for (const nic of children(child(parseXml(xml).root, 'devices'), 'interface')) {
    const source = child(nic, 'source');
    const type = attr(nic, 'type');
    if (type === 'network' && attr(source, 'network')) out.push({ network: attr(source, 'network') });
    else if (type === 'bridge' && attr(source, 'bridge')) out.push({ bridge: attr(source, 'bridge') });
  }
  return Object.freeze(out);
});

export interface Usage { vms: string[]; running: string[]; templates: string[] }

export function usageOf(name: string, bridge: string | undefined, nics: VmNic[], templateNets: Map<string, string[]>): Usage {
  const mine = nics.filter((n) => n.network === name || (bridge !== undefined && n.bridge === bridge));
  const uniq = (a: string[]) => [...new Set(a)].sort();
  return {
    vms: uniq(mine.map((n) => n.vm)),
    running: uniq(mine.filter((n) => n.running).map((n) => n.vm)),
    templates: templateNets.get(name) ?? [],
  };
}

/** network name → templates naming it. */
export function templateNetworks(db: Db): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { spec } of listTemplates<{ name: string; networks?: string[] }>(db)) {
    for (const n of spec.networks ?? []) map.set(n, [...(map.get(n) ?? []), spec.name]);
  }
  return map;
}
