// The in-process event bus behind /api/events: publish to every open stream; `closing` ends them at shutdown.
import type { EventSource, ServerEvent } from '../handlers/index.ts';
import type { LibvirtClient } from '../libvirt/index.ts';

export class EventBus implements EventSource {
  private readonly listeners = new Set<(e: ServerEvent) => void>();
  private resolveClosing!: () => void;
  readonly closing = new Promise<void>((resolve) => { this.resolveClosing = resolve; });

  subscribe(listener: (e: ServerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

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

/** libvirt's pushed events become SSE events: `vm`, `network`, `pool` (the UI re-reads what changed). */
export function forwardLibvirtEvents(client: LibvirtClient, bus: EventBus): void {
  client.on('domainLifecycle', (e) => {
    const event = DOMAIN_EVENTS[e.event] ?? String(e.event);
    bus.publish({ type: 'vm', data: { name: e.dom.name, uuid: e.dom.uuid, event, state: STATE_AFTER[event] ?? null, detail: e.detail } });
  });
  client.on('domainReboot', (e) => bus.publish({ type: 'vm', data: { name: e.dom.name, uuid: e.dom.uuid, event: 'rebooted' } }));
  client.on('domainDeviceAdded', (e) => bus.publish({ type: 'vm', data: { name: e.dom.name, uuid: e.dom.uuid, event: 'device-added', device: e.devAlias } }));
  client.on('domainDeviceRemoved', (e) => bus.publish({ type: 'vm', data: { name: e.dom.name, uuid: e.dom.uuid, event: 'device-removed', device: e.devAlias } }));
  client.on('networkLifecycle', (e) => bus.publish({ type: 'network', data: { name: e.net.name, event: NET_POOL_EVENTS[e.event] ?? String(e.event) } }));
  client.on('poolLifecycle', (e) => bus.publish({ type: 'pool', data: { name: e.pool.name, event: NET_POOL_EVENTS[e.event] ?? String(e.event) } }));
}
