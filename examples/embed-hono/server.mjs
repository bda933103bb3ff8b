// A Hono app with its own routes and its own login (HTTP Basic against its own users) that mounts Kimchi-TS at /virt.
// Run: KIMCHI_LIBVIRT_URI=qemu:///system KIMCHI_DATA_DIR=./kimchi-data PORT=3000 node server.mjs
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import { openKimchi } from 'kimchi-ts';

// The host's own accounts (a real host has its database). Kimchi-TS never sees a password, only who is calling.
const USERS = {
  alice: { password: 'alice-secret', admin: true, groups: ['ops'] },
  bob: { password: 'bob-secret', admin: false, groups: ['dev'] },
};

/** The user named by an `Authorization: Basic` header, once the host's middleware has checked it. */
function who(authorization) {
  const encoded = /^Basic\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const name = encoded ? Buffer.from(encoded, 'base64').toString().split(':')[0] : '';
  const user = Object.hasOwn(USERS, name) ? USERS[name] : undefined;
  return user ? { name, admin: user.admin, groups: user.groups } : null;
}

const kimchi = await openKimchi({
  libvirtUri: process.env.KIMCHI_LIBVIRT_URI ?? 'qemu:///system',
  dataDir: process.env.KIMCHI_DATA_DIR ?? './kimchi-data',
  basePath: '/virt',
  identify: (request) => who(request.headers.get('authorization')),
});

const app = new Hono();
// The host's login guards everything, its pages and ours.
app.use('*', basicAuth({ verifyUser: (name, password) => Object.hasOwn(USERS, name) && USERS[name].password === password }));
app.get('/', (c) => c.html(`<h1>Host home</h1><p>Hello ${who(c.req.header('authorization')).name}. <a href="/virt/">Virtual machines</a></p>`));
app.get('/health', (c) => c.json({ host: 'ok', libvirt: kimchi.monitor.current() ? 'error' : 'ok' }));
// Kimchi-TS gets the request as the host received it (and c.env, so it sees the client's address).
app.all('/virt', (c) => kimchi.fetch(c.req.raw, c.env));
app.all('/virt/*', (c) => kimchi.fetch(c.req.raw, c.env));

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 3000) }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}/virt/`);
});
kimchi.attach(server); // VNC and serial console WebSockets (one-time tokens from the authenticated API)

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    const closed = new Promise((done) => server.close(done)); // no new connections; idle ones close
    await kimchi.close({ drained: closed }); // ends event streams and consoles, waits for requests, closes libvirt
  });
}
