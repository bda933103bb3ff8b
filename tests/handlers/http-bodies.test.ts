// Request bodies as real HTTP clients send them (node:http through the running server, not app.request()).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { request, type OutgoingHttpHeaders } from 'node:http';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { serve, type TestServer } from '../helpers/server.ts';
import { cleanUp } from '../helpers/cleanup.ts';

let fx: Fixture;
let server: TestServer;
test.before(async () => {
  fx = writeFixture({ domains: ['body-vm'] });
  server = await serve(fx.uri);
});
test.after(() => cleanUp([['server', () => server.stop()], ['fixture', () => fx.cleanup()]]));

/** A POST sent the way `curl -X POST URL` sends it: no body, no Content-Length, no Transfer-Encoding. */
function bareRequest(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any; sent: OutgoingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method: 'POST', headers });
    req.removeHeader('content-length'); // node:http would add Content-Length: 0 or chunked encoding otherwise
    req.removeHeader('transfer-encoding');
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null, sent: req.getHeaders() }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('an action without a body (no Content-Length, as curl -X POST sends it) is a normal request', async () => {
  const off = await bareRequest('/api/vms/body-vm/poweroff');
  assert.equal(off.sent['content-length'], undefined, 'the request announced no length');
  assert.equal(off.sent['transfer-encoding'], undefined, 'nor a chunked body');
  assert.equal(off.status, 200, JSON.stringify(off.body));
  const on = await bareRequest('/plugins/kimchi/vms/body-vm/start', { 'Accept-Language': 'pt-BR' });
  assert.equal(on.status, 200, JSON.stringify(on.body));
  assert.equal(on.body.state, 'running');
});

test('a real body that is not JSON is still refused with 415', async () => {
  const r = await new Promise<{ status: number; body: any }>((resolve, reject) => {
    const req = request(`${server.url}/api/vms/body-vm/poweroff`, { method: 'POST', headers: { 'Content-Type': 'text/plain' } });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end('power off, please');
  });
  assert.equal([r.status, r.body.code], [415, 'KCHAPI0003E']);
});

test.run();
