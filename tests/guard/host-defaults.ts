// Run by tests/run.mjs first and last (not a *.test.ts): the host's default pool and network are the same after the
// suites as before. `npm test` on an administrator's host must never define, change, stop or remove them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ErrorCode, LibvirtClient, LibvirtError, type Connection } from '../../libvirt/index.ts';
import { QEMU_URI } from '../helpers/qemu.ts';

const [mode, file] = (process.env.KIMCHI_HOST_GUARD ?? '').split(/:(.*)/s) as [string, string | undefined];
if ((mode !== 'record' && mode !== 'check') || !file) throw new Error('KIMCHI_HOST_GUARD=record:<file> or check:<file> (tests/run.mjs sets it)');

const missing = (e: unknown) => e instanceof LibvirtError && (e.code === ErrorCode.NO_STORAGE_POOL || e.code === ErrorCode.NO_NETWORK);
/** Live figures (space used, guests attached) change whenever anything runs; the definition and state must not. */
const definition = (xml: string) => xml
  .replace(/<(capacity|allocation|available)\b[^>]*>[^<]*<\/\1>\s*/g, '')
  .replace(/\s+connections='\d+'/, '');

async function snapshot(conn: Connection): Promise<Record<string, unknown>> {
  const pool = await conn.storagePoolLookupByName('default').then(async (p) => ({
    xml: definition(await conn.storagePoolGetXMLDesc(p)), active: await conn.storagePoolIsActive(p), autostart: await conn.storagePoolGetAutostart(p),
  }), (e) => { if (missing(e)) return 'absent'; throw e; });
  const network = await conn.networkLookupByName('default').then(async (n) => ({
    xml: definition(await conn.networkGetXMLDesc(n)), active: await conn.networkIsActive(n), autostart: await conn.networkGetAutostart(n),
  }), (e) => { if (missing(e)) return 'absent'; throw e; });
  return { pool, network };
}

async function current(): Promise<Record<string, unknown>> {
  const client = new LibvirtClient({ uri: QEMU_URI });
  try {
    return await snapshot(await client.open());
  } catch (e) {
    if (e instanceof LibvirtError) throw e;
    return { unreachable: String(e) }; // no libvirtd here: nothing the suites could change either
  } finally {
    await client.close().catch(() => {});
  }
}

if (mode === 'record') {
  test(`the host's default pool and network (${QEMU_URI}) are recorded before any suite`, async () => {
    writeFileSync(file, JSON.stringify(await current()));
  });
} else {
  test(`the host's default pool and network (${QEMU_URI}) are as they were before the suites`, async () => {
    assert.ok(existsSync(file), 'the record made before the suites is missing');
    const before = JSON.parse(readFileSync(file, 'utf8'));
    if ('unreachable' in before) return;
    assert.equal(await current(), before);
  });
}

test.run();
