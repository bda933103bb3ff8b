// Serial allocation, the map of calls awaiting replies, and the bounded window with its queue.

export interface PendingCall {
  serial: number;
  packet: Buffer;
  resolve(body: Buffer): void;
  reject(err: Error): void;
}

export class CallTable {
  private nextSerial = 1;
  private readonly waiting = new Map<number, PendingCall>();
  private readonly queue: PendingCall[] = [];
  private inFlight = 0;
  /** Highest number of calls seen in flight at once. */
  maxInFlight = 0;

  /** `send` writes a call's packet; it is called now or when the window has room. */
  constructor(readonly window: number, private readonly send: (packet: Buffer) => void) {}

  get stats() {
    return { inFlight: this.inFlight, queued: this.queue.length, maxInFlight: this.maxInFlight };
  }

  /** The serial the next call will get (lets a stream register its sink before the call goes out). */
  peekSerial(): number {
    return this.nextSerial;
  }

  allocSerial(): number {
    const s = this.nextSerial;
    this.nextSerial = (this.nextSerial + 1) >>> 0 || 1;
    return s;
  }

  submit(p: PendingCall): void {
    if (this.inFlight < this.window) this.start(p);
    else this.queue.push(p);
  }

  /** Settle the call a REPLY answers; false when no call has that serial. */
  settle(serial: number, outcome: { body: Buffer } | { error: Error }): boolean {
    const p = this.waiting.get(serial);
    if (!p) return false;
    this.waiting.delete(serial);
    this.inFlight--;
    if ('error' in outcome) p.reject(outcome.error);
    else p.resolve(outcome.body);
    while (this.inFlight < this.window && this.queue.length) this.start(this.queue.shift()!);
    return true;
  }

  /** Reject every waiting and queued call. */
  failAll(err: Error): void {
    const all = [...this.waiting.values(), ...this.queue];
    this.waiting.clear();
    this.queue.length = 0;
    this.inFlight = 0;
    for (const p of all) p.reject(err);
  }

  private start(p: PendingCall): void {
    this.waiting.set(p.serial, p);
    this.inFlight++;
    if (this.inFlight > this.maxInFlight) this.maxInFlight = this.inFlight;
    this.send(p.packet);
  }
}
