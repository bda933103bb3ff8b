// With --log-dir elsewhere (an appliance's /var/log/kimchi-ts), debug reports still carry the server's log files.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTask, openStore } from '../../db/index.ts';
import { writeFixture } from '../helpers/fixture.ts';
import { getJson, serve, until } from '../helpers/server.ts';

test('a debug report includes the rotated files of the configured log directory', async () => {
  const fx = writeFixture();
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-test-appliance-drlogs-'));
  const logDir = join(dir, 'var-log');
  mkdirSync(logDir, { recursive: true });
  writeFileSync(join(logDir, 'kimchi.3.log'), '{"level":30,"msg":"kimchi-test-appliance-marker"}\n');
  // Global error mode (no libvirtd socket) keeps the report to our own files: quick.
  const s = await serve(`${fx.uri}?socket=/nonexistent/kimchi-test-appliance-${process.pid}.sock`, { logDir });
  const store = openStore(join(s.dataDir, 'kimchi.db'));
  try {
    const created = await getJson(`${s.url}/api/debugreports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'logs' }) });
    assert.is(created.status, 202, JSON.stringify(created.body));
    await until(() => getTask(store.db, Number(created.body.id))?.status !== 'running', 20_000, 'report task');
    const res = await fetch(`${s.url}/api/debugreports/logs/content`);
    assert.is(res.status, 200);
    writeFileSync(join(dir, 'r.tar.gz'), Buffer.from(await res.arrayBuffer()));
    execFileSync('tar', ['-xzf', join(dir, 'r.tar.gz'), '-C', dir]);
    assert.match(readFileSync(join(dir, 'kimchi-debugreport', 'logs', 'kimchi', 'kimchi.3.log'), 'utf8'), /kimchi-test-appliance-marker/);
  } finally {
    store.close();
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
    fx.cleanup();
  }
});

test.run();
