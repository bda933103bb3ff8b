// GET /api/health: answered without credentials, only a status word and the version; 503 when guests cannot be served.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pamProvider } from '../../runtime/auth/provider.ts';
import { writeFixture } from '../helpers/fixture.ts';
import { serve, type TestServer } from '../helpers/server.ts';
import { installPamService } from '../helpers/users.ts';

const SERVICE = 'kimchi-test-appliance-health';
const removePam = installPamService(SERVICE);

async function withServer(uri: string, check: (s: TestServer) => Promise<void>) {
  const s = await serve(uri, { auth: pamProvider({ pamService: SERVICE }) });
  try { await check(s); } finally { await s.stop(); }
}

test('with authentication on, health answers anyone with {status, version} and nothing else; the rest of the API still asks', async () => {
  const fx = writeFixture();
  try {
    await withServer(fx.uri, async (s) => {
      const r = await fetch(`${s.url}/api/health`);
      assert.is(r.status, 200);
      assert.is(r.headers.get('cache-control'), 'no-store');
      const body = await r.json();
      assert.equal(Object.keys(body).sort(), ['status', 'version']);
      assert.is(body.status, 'ok');
      assert.match(body.version, /^\d+\.\d+\.\d+/);
      assert.is((await fetch(`${s.url}/api/config`)).status, 401, 'config still needs credentials');
      assert.is((await fetch(`${s.url}/api/health`, { method: 'HEAD' })).status, 200, 'HEAD too (some balancers use it)');
      assert.is((await fetch(`${s.url}/api/health`, { method: 'POST' })).status, 401, 'only reading is open');
    });
  } finally { fx.cleanup(); }
});

test('degraded (200) when the default network is missing: serving, but a startup requirement fails', async () => {
  const fx = writeFixture({ defaultNetwork: false });
  try {
    await withServer(fx.uri, async (s) => {
      const r = await fetch(`${s.url}/api/health`);
      assert.equal([r.status, (await r.json()).status], [200, 'degraded']);
    });
  } finally { fx.cleanup(); }
});

test('error (503) when libvirtd cannot be reached, with no detail of why', async () => {
  const fx = writeFixture();
  try {
    await withServer(`${fx.uri}?socket=/nonexistent/kimchi-test-appliance-${process.pid}.sock`, async (s) => {
      const r = await fetch(`${s.url}/api/health`);
      const body = await r.json();
      assert.equal([r.status, body.status, Object.keys(body).sort()], [503, 'error', ['status', 'version']]);
    });
  } finally { fx.cleanup(); }
});

test.after(() => removePam());
test.run();
