// Where one host's reconnecting client stands (connected, connecting with its next retry, failing with libvirt's reason).
import { EventEmitter } from 'node:events';
import type { LibvirtClient } from '../../libvirt/index.ts';
import type { HostState } from '../../handlers/common/hosts.ts';

/** Follows a LibvirtClient's events; emits `change` with the new state whenever it changes. */
export class ConnectionState extends EventEmitter {
  private current: HostState;

  constructor(client: LibvirtClient) {
    super();
    this.current = client.connected ? { status: 'connected' } : { status: 'connecting' };
    client.on('connected', () => this.set({ status: 'connected' }));
    client.on('disconnected', (err) => this.set({ status: 'failing', reason: err.message }));
    client.on('retry', ({ delayMs, error }) => this.set({ status: 'failing', reason: error.message, next_retry: new Date(Date.now() + delayMs).toISOString() }));
  }

  get(): HostState { return this.current; }

  /** A failed first attempt (LibvirtClient.open rejects before any `retry` event). */
  failed(err: Error): void { this.set({ status: 'failing', reason: err.message }); }

  private set(next: HostState): void {
    const changed = next.status !== this.current.status || (next.status === 'failing' && this.current.status === 'failing' && next.reason !== this.current.reason);
    this.current = next;
    if (changed) this.emit('change', next);
  }
}
