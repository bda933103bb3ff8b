// The in-process event bus behind /api/events: publish to every open stream; `closing` ends them at shutdown.
import type { EventSource, ServerEvent } from '../handlers/index.ts';

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
