// The soak test's server: tests/helpers/server.ts's serve() with PAM login, in a process of its own so its RSS is
// the server's alone. Prints {url, dataDir, pid}; on SIGUSR2 collects garbage (node runs it with --expose-gc) and
// prints {heapUsedMB, lag}: the event loop's delay since the last ask; on SIGTERM stops and must then end by itself (no handle left open).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pamProvider } from '../../runtime/auth/provider.ts';
import { serve } from '../helpers/server.ts';

const [uri, pamService, headersMs] = process.argv.slice(2);
const s = await serve(uri!, { auth: pamProvider({ pamService: pamService! }), timeouts: { headersMs: Number(headersMs) } });
process.stdout.write(`${JSON.stringify({ url: s.url, dataDir: s.dataDir, pid: process.pid })}\n`);
// How late the event loop ran (ms): blocking work in the server shows here, a starved host shows in both processes.
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  const lag = { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 };
  delay.reset();
  process.stdout.write(`${JSON.stringify({ heapUsedMB: process.memoryUsage().heapUsed / 1e6, lag })}\n`);
});
process.once('SIGTERM', () => {
  void s.stop().then(() => process.stdout.write(`${JSON.stringify({ stopped: true })}\n`));
});
