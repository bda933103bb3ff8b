// sd_notify as a Type=notify unit sees it: READY with the health as STATUS, watchdog pings, STOPPING on SIGTERM —
// received on a datagram socket standing in for systemd's (python3 binds it; Node cannot), sent by systemd-notify.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFixture } from '../helpers/fixture.ts';
import { until } from '../helpers/server.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const RECEIVER = `
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
print("listening", flush=True)
while True:
    print(s.recv(4096).decode().replace("\\n", "|"), flush=True)
`;

function lines(child: ChildProcess): () => string[] {
  let text = '';
  child.stdout!.on('data', (d) => { text += d; });
  return () => text.split('\n').filter(Boolean);
}

test('the server says READY=1 with its health once it listens, pings the watchdog, and says STOPPING=1 on SIGTERM', async () => {
  const fx = writeFixture();
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-test-appliance-notify-'));
  const socket = join(dir, 'notify.sock');
  const receiver = spawn('python3', ['-c', RECEIVER, socket], { stdio: ['ignore', 'pipe', 'inherit'] });
  const got = lines(receiver);
  let server: ChildProcess | undefined;
  try {
    await until(() => got().includes('listening'), 10_000, 'the notify socket');
    server = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts', '--port', '0', '--data-dir', join(dir, 'data')], {
      cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, KIMCHI_LIBVIRT_URI: fx.uri, NOTIFY_SOCKET: socket, WATCHDOG_USEC: '300000', JOURNAL_STREAM: '' },
    });
    const exited = new Promise<number | null>((r) => server!.on('exit', (code) => r(code)));
    await until(() => got().some((l) => l.startsWith('READY=1')), 20_000, 'READY=1');
    assert.ok(got().includes('READY=1|STATUS=ok'), `READY with the health: ${got()}`);
    await until(() => got().filter((l) => l.startsWith('WATCHDOG=1')).length >= 2, 10_000, 'two watchdog pings');
    assert.ok(got().includes('WATCHDOG=1|STATUS=ok'));
    server.kill('SIGTERM');
    assert.is(await exited, 0);
    await until(() => got().includes('STOPPING=1'), 5000, 'STOPPING=1');
  } finally {
    server?.kill('SIGKILL');
    receiver.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    fx.cleanup();
  }
});

test.run();
