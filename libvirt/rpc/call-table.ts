// Serial allocation, the map of calls awaiting replies, and the bounded two-tier window with its queue.
//
// libvirtd works on at most max_client_requests (default 5) calls per client and stops reading the socket while
// it has that many — keepalive pongs included. So calls that may block (anything but quick reads) are capped at
// one less than that: a slot always frees within microseconds and libvirtd keeps reading. Quick reads may go
// past the limit (default window 32); the extra ones wait in the socket, which removes the round-trip gap between
// a reply and the next request (the pipelined throughput). A pong queued behind them waits at most for those
// quick reads (~65 µs each on this host's test driver, so ~2 ms), far inside keepalive's 5 × 5 s.

export interface PendingCall {
  serial: number;
  packet: Buffer;
  /** A read that never waits on a job or the guest (lookups, get/list/is calls). */
  quick: boolean;
  resolve(body: Buffer): void;
  reject(err: Error): void;
}

export class CallTable {
  private nextSerial = 1;
  private readonly waiting = new Map<number, PendingCall>();
  private readonly queue: PendingCall[] = [];
  /** Quick reads among the queued calls. */
  private queuedQuick = 0;
  private inFlight = 0;
  private slowInFlight = 0;
  /** Highest number of calls seen in flight at once. */
  maxInFlight = 0;

  /** Highest number of calls that may block seen in flight at once. */
  maxSlowInFlight = 0;
  /** Calls that may block allowed in flight at once: one less than libvirtd's max_client_requests. */
  readonly slowWindow: number;
  /** Queued calls start when the calls in flight fall to this (half the window). */
  private readonly lowWater: number;

  /**
   * `window`: calls on the wire at once; `serverSlots`: libvirtd's max_client_requests.
   * `send` writes a call's packet; it is called now or when the window has room.
   */
  constructor(readonly window: number, serverSlots: number, private readonly send: (packet: Buffer) => void) {
    this.slowWindow = Math.max(1, Math.min(window, serverSlots - 1));
    this.lowWater = window >> 1;
  }

  get stats() {
    return {
      inFlight: this.inFlight, queued: this.queue.length, maxInFlight: this.maxInFlight,
      maxSlowInFlight: this.maxSlowInFlight,
    };
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

  /** Start the call now if it fits and none of its kind waits ahead of it; a queued call that may block never holds back a quick read. */
  submit(p: PendingCall): void {
    if (this.fits(p) && (p.quick ? this.queuedQuick === 0 : this.queue.length === 0)) this.start(p);
    else {
      this.queue.push(p);
      if (p.quick) this.queuedQuick++;
    }
  }

  /** Settle the call a REPLY answers; false when no call has that serial. */
  settle(serial: number, outcome: { body: Buffer } | { error: Error }): boolean {
    const p = this.waiting.get(serial);
    if (!p) return false;
    this.waiting.delete(serial);
    this.inFlight--;
    if (!p.quick) this.slowInFlight--;
    if ('error' in outcome) p.reject(outcome.error);
    else p.resolve(outcome.body);
    // Refill the window in batches once the quick reads in flight fall to half of it (one write for many calls
    // instead of one per reply; libvirtd still has the other half to work on). Calls that may block are not
    // counted: they can take minutes. A freed slot for a call that may block is used at once.
    if (!p.quick || this.inFlight - this.slowInFlight <= this.lowWater) this.drainQueue();
    return true;
  }

  /** Reject every waiting and queued call. */
  failAll(err: Error): void {
    const all = [...this.waiting.values(), ...this.queue];
    this.waiting.clear();
    this.queue.length = 0;
    this.queuedQuick = 0;
    this.inFlight = 0;
    this.slowInFlight = 0;
    for (const p of all) p.reject(err);
  }

  private fits(p: PendingCall): boolean {
    return this.inFlight < this.window && (p.quick || this.slowInFlight < this.slowWindow);
  }

  /** Start queued calls in order; a call that may block waits for its tier without holding back quick reads. */
  private drainQueue(): void {
    for (let i = 0; i < this.queue.length && this.inFlight < this.window;) {
      const p = this.queue[i]!;
      if (this.fits(p)) {
        this.queue.splice(i, 1);
        if (p.quick) this.queuedQuick--;
        this.start(p);
      } else i++;
    }
  }

  private start(p: PendingCall): void {
    this.waiting.set(p.serial, p);
    this.inFlight++;
    if (this.inFlight > this.maxInFlight) this.maxInFlight = this.inFlight;
    if (!p.quick && ++this.slowInFlight > this.maxSlowInFlight) this.maxSlowInFlight = this.slowInFlight;
    this.send(p.packet);
  }
}
