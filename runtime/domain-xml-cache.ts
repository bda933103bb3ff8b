// Domain XML cache for list views: filled on demand, dropped on libvirt's events for that domain, on reconnect and after maxAge.
import type { Connection, Domain, LibvirtClient } from '../libvirt/index.ts';
import type { DomainXmlSource } from '../handlers/index.ts';

interface Entry { xml: Promise<string>; at: number }

/**
 * Fetching 1000 domain XMLs costs libvirtd ~50 ms per list; they change only when libvirt says so (define,
 * start, stop, device hot-plug — all evented) or through our own handlers (which emit the same events).
 * `maxAgeMs` bounds what an unevented change (a balloon resize made with virsh) can leave stale.
 */
export class DomainXmlCache implements DomainXmlSource {
  private readonly entries = new Map<string, Entry>();
  private conn: Connection | undefined;
  /** Counts every drop: a list built from this host's XML is current while this has not moved (handlers/vms/list-cache.ts). */
  generation = 0;

  constructor(client: LibvirtClient, private readonly maxAgeMs = 10_000) {
    const drop = (e: { dom: Domain }) => { this.invalidate(e.dom.uuid); };
    const clear = () => { this.entries.clear(); this.generation++; };
    client.on('domainLifecycle', drop);
    client.on('domainReboot', drop);
    client.on('domainDeviceAdded', drop);
    client.on('domainDeviceRemoved', drop);
    client.on('connected', clear);
    client.on('disconnected', clear);
  }

  get(conn: Connection, dom: Domain): Promise<string> {
    // A new connection: what the old one said is dropped (nothing to drop the first time, so lists built meanwhile stand).
    if (conn !== this.conn) { if (this.entries.size) { this.entries.clear(); this.generation++; } this.conn = conn; }
    const now = Date.now();
    const hit = this.entries.get(dom.uuid);
    if (hit && now - hit.at < this.maxAgeMs) return hit.xml;
    const xml = conn.domainGetXMLDesc(dom, 0);
    const entry = { xml, at: now };
    this.entries.set(dom.uuid, entry);
    xml.catch(() => { if (this.entries.get(dom.uuid) === entry) this.entries.delete(dom.uuid); });
    return xml;
  }

  invalidate(uuid: string): void { this.entries.delete(uuid); this.generation++; }

  get size(): number { return this.entries.size; }
}
