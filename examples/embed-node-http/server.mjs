// A plain node:http server: /virt/* goes to Kimchi-TS through @hono/node-server's request listener, the rest to the
// host's own handler. The host's tokens identify users; Kimchi-TS asks the host who calls through `identify`.
// Run: KIMCHI_LIBVIRT_URI=qemu:///system KIMCHI_DATA_DIR=./kimchi-data PORT=3000 node server.mjs
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { openKimchi } from 'kimchi-ts';

// The host's own sessions (a real host issues these at its login): bearer token → user.
const TOKENS = new Map([
  ['alice-token', { name: 'alice', admin: true, groups: ['ops'] }],
  ['bob-token', { name: 'bob', admin: false, groups: ['dev'] }],
]);
const userOf = (authorization) => TOKENS.get(/^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1]) ?? null;

const kimchi = await openKimchi({
  libvirtUri: process.env.KIMCHI_LIBVIRT_URI ?? 'qemu:///system',
  dataDir: process.env.KIMCHI_DATA_DIR ?? './kimchi-data',
  basePath: '/virt',
  // null (no or unknown token): Kimchi-TS answers 401 itself.
  identify: (request) => userOf(request.headers.get('authorization')),
});
const virt = getRequestListener(kimchi.fetch);

const server = createServer((req, res) => {
  if (req.url === '/virt' || req.url.startsWith('/virt/') || req.url.startsWith('/virt?')) return virt(req, res);
  const user = userOf(req.headers.authorization);
  if (!user) {
    res.writeHead(401, { 'WWW-Authenticate': 'Bearer', 'Content-Type': 'text/plain' });
    return res.end('log in first\n');
  }
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end(`host page for ${user.name}; virtual machines at /virt/\n`);
});
kimchi.attach(server); // VNC and serial console WebSockets on the same server

server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}/virt/`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    const closed = new Promise((done) => server.close(done)); // no new connections; idle ones close
    await kimchi.close({ drained: closed }); // ends event streams and consoles, waits for requests, closes libvirt
  });
}
