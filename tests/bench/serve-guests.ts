// A real server over an N-guest test-driver fixture in its own process, so a bench can read that process's CPU alone.
// Prints one JSON line {url, pid} when listening; stops on SIGTERM or when its parent closes stdin.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startServer } from '../../runtime/server.ts';
import { UI_DIR } from '../helpers/browser.ts';
import { writeGuestsFixture } from '../helpers/guests-fixture.ts';

const fx = writeGuestsFixture({ count: Number(process.env.BENCH_GUESTS ?? 1000) });
const dataDir = mkdtempSync(join(tmpdir(), 'kimchi-bench-idle-'));
const server = await startServer({
  host: '127.0.0.1', port: 0, libvirtUri: fx.uri, dataDir, uiDir: UI_DIR, logger: pino({ level: 'silent' }),
});
console.log(JSON.stringify({ url: server.url, pid: process.pid }));
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  fx.cleanup();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
