// Hands event packets to listeners off the socket-reading path, so a slow or throwing listener never stalls replies.
import type { Packet } from './packet.ts';

export class EventQueue {
  private items: Packet[] = [];
  private scheduled = false;

  constructor(private readonly deliver: (p: Packet) => void, private readonly onListenerError?: (e: unknown) => void) {}

  push(p: Packet): void {
    this.items.push(p);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  get length(): number {
    return this.items.length;
  }

  private drain(): void {
    this.scheduled = false;
    const batch = this.items;
    this.items = [];
    for (const p of batch) {
      try {
        this.deliver(p);
      } catch (e) {
        // A listener's bug must not take the connection down; report it and keep delivering.
        if (this.onListenerError) this.onListenerError(e);
        else process.emitWarning(`libvirt event listener threw: ${(e as Error)?.stack ?? e}`);
      }
    }
  }
}
