// HTTPS: the appliance certificate script, Secure cookies and HSTS under TLS, and plain HTTP redirected to HTTPS.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pamProvider } from '../../runtime/auth/provider.ts';
import { writeFixture } from '../helpers/fixture.ts';
import { serve } from '../helpers/server.ts';
import { createUser, installPamService, removeUser } from '../helpers/users.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

function httpsPost(url: string, ca: Buffer, body: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', ca, headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'kimchi-ui' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('with the certificate from infra/make-cert.sh the server speaks HTTPS, marks cookies Secure, sends HSTS and redirects HTTP', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-tls-'));
  const removePam = installPamService('kimchi-test-tls');
  const user = createUser('ktt');
  const fx = writeFixture();
  let s: Awaited<ReturnType<typeof serve>> | undefined;
  try {
    execFileSync('bash', [join(ROOT, 'infra/make-cert.sh'), dir, 'localhost']);
    assert.equal(statSync(join(dir, 'kimchi-key.pem')).mode & 0o777, 0o600, 'the key is private');
    const cert = { cert: join(dir, 'kimchi-cert.pem'), key: join(dir, 'kimchi-key.pem') };
    s = await serve(fx.uri, { auth: pamProvider({ pamService: 'kimchi-test-tls', secureCookies: true }), tls: cert, httpPort: 0, host: '127.0.0.1' });
    assert.match(s.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = readFileSync(cert.cert);
    const r = await httpsPost(`${s.url}/api/login`, ca, JSON.stringify({ username: user.name, password: user.password }));
    assert.equal(r.status, 200);
    assert.match(String(r.headers['set-cookie']), /; Secure/);
    assert.match(String(r.headers['strict-transport-security']), /max-age=\d+/);
    const plain = await fetch(`${s.httpUrl}/api/vms?x=1`, { redirect: 'manual' });
    assert.equal(plain.status, 308);
    assert.equal(plain.headers.get('location'), `${s.url}/api/vms?x=1`);
  } finally {
    await s?.stop();
    fx.cleanup();
    removeUser(user);
    removePam();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
