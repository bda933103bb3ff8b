// The in-process event bus behind /api/events: publish to every open stream; `closing` ends them at shutdown.
import type { EventSource, ServerEvent } from '../handlers/index.ts';
import type { Domain, LibvirtClient } from '../libvirt/index.ts';

export class EventBus implements EventSource {
  private readonly listeners = new Set<(e: ServerEvent) => void>();
  private streams = 0;
  private resolveClosing!: () => void;
  readonly closing = new Promise<void>((resolve) => { this.resolveClosing = resolve; });

  subscribe(listener: (e: ServerEvent) => void, opts?: { client?: boolean }): () => void {
    this.listeners.add(listener);
    if (opts?.client) this.streams++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.listeners.delete(listener);
      if (opts?.client) this.streams--;
    };
  }

  /** Open /api/events streams (the bus's other listeners are the server's own). */
  get clients(): number { return this.streams; }

  publish(e: ServerEvent): void {
    for (const l of this.listeners) l(e);
  }

  get size(): number { return this.listeners.size; }

  close(): void { this.resolveClosing(); }
}

const DOMAIN_EVENTS = ['defined', 'undefined', 'started', 'suspended', 'resumed', 'stopped', 'shutdown', 'pmsuspended', 'crashed'];
/** The state a lifecycle event leaves the domain in (undefined when the event does not decide it). */
const STATE_AFTER: Record<string, string> = {
  started: 'running', suspended: 'paused', resumed: 'running', stopped: 'shutoff', crashed: 'crashed', pmsuspended: 'pmsuspended',
};
const NET_POOL_EVENTS = ['defined', 'undefined', 'started', 'stopped', 'created', 'deleted'];

/** Reads the VM as the API shows it after an event; undefined when it is gone. */
export type VmReader = (dom: Domain) => Promise<unknown>;

/**
 * libvirt's pushed events become SSE events: `vm`, `network`, `pool`. With `readVm`, a `vm` event also carries the
 * VM as GET /vms/:name shows it after the change (`vm`, absent once undefined), so a list updates that one row and
 * never re-reads the whole list. Reads run only while someone listens, and in event order per VM.
 */
export function forwardLibvirtEvents(client: LibvirtClient, bus: Pick<EventBus, 'publish' | 'size'>, readVm?: VmReader, host?: string): void {
  const chains = new Map<string, Promise<void>>();
  // With many hosts every event names its host (issue 14): `host` in the data.
  const publish = host === undefined ? (e: ServerEvent) => bus.publish(e) : (e: ServerEvent) => bus.publish({ ...e, data: { ...(e.data as object), host } });
  const publishVm = (dom: Domain, data: Record<string, unknown>, gone = false) => {
    if (!readVm || gone || bus.size === 0) return publish({ type: 'vm', data });
    const prev = chains.get(dom.uuid) ?? Promise.resolve();
    const next = prev.then(async () => {
      const vm = await readVm(dom).catch(() => undefined);
      publish({ type: 'vm', data: vm ? { ...data, vm } : data });
    });
    chains.set(dom.uuid, next);
    void next.finally(() => { if (chains.get(dom.uuid) === next) chains.delete(dom.uuid); });
  };
  client.on('domainLifecycle', (e) => {
    const event = DOMAIN_EVENTS[e.event] ?? String(e.event);
    publishVm(e.dom, { name: e.dom.name, uuid: e.dom.uuid, event, state: STATE_AFTER[event] ?? null, detail: e.detail }, event === 'undefined');
  });
  client.on('domainReboot', (e) => publishVm(e.dom, { name: e.dom.name, uuid: e.dom.uuid, event: 'rebooted' }));
  client.on('domainDeviceAdded', (e) => publishVm(e.dom, { name: e.dom.name, uuid: e.dom.uuid, event: 'device-added', device: e.devAlias }));
  client.on('domainDeviceRemoved', (e) => publishVm(e.dom, { name: e.dom.name, uuid: e.dom.uuid, event: 'device-removed', device: e.devAlias }));
  client.on('networkLifecycle', (e) => publish({ type: 'network', data: { name: e.net.name, event: NET_POOL_EVENTS[e.event] ?? String(e.event) } }));
  client.on('poolLifecycle', (e) => publish({ type: 'pool', data: { name: e.pool.name, event: NET_POOL_EVENTS[e.event] ?? String(e.event) } }));
}
