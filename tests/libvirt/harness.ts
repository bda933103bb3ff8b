// Test helpers for tests/libvirt: a fresh test-driver hypervisor + Connection per test, always cleaned up.
import { randomUUID } from 'node:crypto';
import { connect, type Connection, type ConnectOptions } from '../../libvirt/index.ts';
import { writeFixture, type FixtureOptions } from '../helpers/fixture.ts';

/** Run `fn` with a connection to a private test-driver hypervisor; closes and deletes it even on failure. */
export async function withTestConn<T>(fn: (c: Connection, uri: string) => Promise<T>, opts: FixtureOptions & ConnectOptions = {}): Promise<T> {
  const fx = writeFixture(opts);
  let c: Connection | undefined;
  try {
    c = await connect(fx.uri, opts);
    return await fn(c, fx.uri);
  } finally {
    if (c) await c.close();
    fx.cleanup();
  }
}

/** A minimal test-driver domain definition. */
export function testDomainXML(name: string, uuid = randomUUID()): string {
  return `<domain type="test"><name>${name}</name><uuid>${uuid}</uuid>` +
    `<memory unit="KiB">1048576</memory><currentMemory unit="KiB">1048576</currentMemory>` +
    `<vcpu placement="static" current="1">4</vcpu><os><type>hvm</type></os></domain>`;
}

/** Resolve with the first emitted value matching `pred`, or reject after `ms`. */
export function waitFor<T>(em: { on(e: any, l: (v: any) => void): unknown; off(e: any, l: (v: any) => void): unknown },
  event: string, pred: (v: T) => boolean = () => true, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { em.off(event, l); reject(new Error(`no "${event}" event within ${ms} ms`)); }, ms);
    const l = (v: T) => {
      if (!pred(v)) return;
      clearTimeout(timer);
      em.off(event, l);
      resolve(v);
    };
    em.on(event, l);
  });
}
