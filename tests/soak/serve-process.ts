// The soak test's server: tests/helpers/server.ts's serve() with PAM login, in a process of its own so its RSS is
// the server's alone. Prints {url, dataDir}; on SIGTERM stops and must then end by itself (no handle left open).
import { pamProvider } from '../../runtime/auth/provider.ts';
import { serve } from '../helpers/server.ts';

const [uri, pamService, headersMs] = process.argv.slice(2);
const s = await serve(uri!, { auth: pamProvider({ pamService: pamService! }), timeouts: { headersMs: Number(headersMs) } });
process.stdout.write(`${JSON.stringify({ url: s.url, dataDir: s.dataDir, pid: process.pid })}\n`);
process.once('SIGTERM', () => {
  void s.stop().then(() => process.stdout.write(`${JSON.stringify({ stopped: true })}\n`));
});
