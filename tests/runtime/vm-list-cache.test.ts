// The guest list between libvirt's events: read from libvirt once while nothing changes, again after an event for the
// host and after a write through the API. A proxy in front of libvirtd counts the list calls.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LibvirtClient } from '../../libvirt/index.ts';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { getJson, serve, type TestServer } from '../helpers/server.ts';
import { SocketProxy } from '../libvirt/proxy.ts';

/** REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS: a list read asks it twice (transient, autostart); the VM sampler never does. */
const LIST_ALL = 273;
const s: { fx?: Fixture; proxy?: SocketProxy; client?: LibvirtClient; server?: TestServer; listCalls: number } = { listCalls: 0 };

test.before(async () => {
  s.fx = writeFixture({ domains: ['web-1', 'web-2'] });
  s.proxy = new SocketProxy();
  await s.proxy.listen();
  s.proxy.rewriteReply = (procedure) => { if (procedure === LIST_ALL) s.listCalls++; return undefined; };
  const uri = `${s.fx.uri}?socket=${s.proxy.path}`;
  // The server's own client: changes made on it come back as libvirt's events, as a change by anyone else would.
  s.client = new LibvirtClient({ uri });
  s.server = await serve(uri, { client: s.client });
});

test.after(async () => {
  await s.server?.stop();
  await s.proxy?.close();
  s.fx?.cleanup();
});

const list = async () => {
  const r = await getJson(`${s.server!.url}/api/vms`);
  assert.is(r.status, 200);
  return (r.body as Array<{ name: string; state: string }>).map((v) => `${v.name}:${v.state}`);
};

test('an unchanged list is answered without asking libvirt again, with the same ETag', async () => {
  const first = await fetch(`${s.server!.url}/api/vms`);
  const before = s.listCalls;
  const again = await fetch(`${s.server!.url}/api/vms`);
  assert.equal(await again.json(), await first.json());
  assert.is(s.listCalls, before, 'no list call for the second answer');
  assert.is(again.headers.get('etag'), first.headers.get('etag'));
});

test('a change libvirt announces is in the first list asked for after its event', async () => {
  await list();
  const conn = s.client!.connection;
  const event = new Promise<void>((resolve) => {
    const on = (e: { dom: { name: string } }) => { if (e.dom.name === 'web-1') { s.client!.off('domainLifecycle', on); resolve(); } };
    s.client!.on('domainLifecycle', on);
  });
  await conn.domainSuspend(await conn.domainLookupByName('web-1'));
  await event;
  assert.ok((await list()).includes('web-1:paused'), 'the event made the list read libvirt again');
  await conn.domainResume(await conn.domainLookupByName('web-1'));
});

test('a write through the API is in the very next list, without waiting for its event', async () => {
  for (const [action, state] of [['suspend', 'paused'], ['resume', 'running'], ['suspend', 'paused'], ['resume', 'running']] as const) {
    const before = s.listCalls;
    const r = await fetch(`${s.server!.url}/api/vms/web-2/${action}`, { method: 'POST' });
    assert.is(r.status, 200, `${action}: ${await r.text()}`);
    assert.ok((await list()).includes(`web-2:${state}`), `after ${action}`);
    assert.ok(s.listCalls > before, 'read anew');
  }
});

test.run();
