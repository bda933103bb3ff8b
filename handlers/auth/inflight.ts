// Password checks in flight: identical credentials from one address share one check; tries pending per throttle key.
import { createHash, randomBytes } from 'node:crypto';
import type { AuthProvider } from './types.ts';

export class PendingChecks {
  /** Keys of the flights below are salted hashes, never the password itself. */
  private readonly salt = randomBytes(16);
  private readonly flights = new Map<string, Promise<boolean>>();
  private readonly pending = new Map<string, number>();

  id(username: string, password: string, addr: string): string {
    return createHash('sha256').update(this.salt).update(username).update('\0').update(password).update('\0').update(addr)
      .digest('base64');
  }

  /** The check already running for these credentials, if any. */
  joinable(id: string): Promise<boolean> | undefined {
    return this.flights.get(id);
  }

  /** Tries still waiting for PAM that count against `key`. */
  pendingOn(key: string): number {
    return this.pending.get(key) ?? 0;
  }

  /** Run `check` as the one flight of `id`, counted against each of `keys` until it answers. */
  start(id: string, keys: string[], check: () => Promise<boolean>): Promise<boolean> {
    for (const k of keys) this.pending.set(k, this.pendingOn(k) + 1);
    const flight = check().finally(() => {
      this.flights.delete(id);
      for (const k of keys) {
        const n = this.pendingOn(k) - 1;
        if (n > 0) this.pending.set(k, n); else this.pending.delete(k);
      }
    });
    this.flights.set(id, flight);
    return flight;
  }
}

/** One registry per auth provider (per app): in-flight checks are this process's business, not the store's. */
const byProvider = new WeakMap<AuthProvider, PendingChecks>();

export function pendingChecks(auth: AuthProvider): PendingChecks {
  let checks = byProvider.get(auth);
  if (!checks) byProvider.set(auth, checks = new PendingChecks());
  return checks;
}
