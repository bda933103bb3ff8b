// The list's domain XML cache: a hit costs no call, and libvirt's events (or age) make a changed domain read fresh.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LibvirtClient } from '../../libvirt/index.ts';
import { DomainXmlCache } from '../../runtime/domain-xml-cache.ts';
import { writeFixture } from '../helpers/fixture.ts';
import { until } from '../helpers/server.ts';

const withTitle = (uuid: string, title: string) =>
  `<domain type='test'><name>test-vm</name><uuid>${uuid}</uuid><title>${title}</title><memory>65536</memory><os><type>hvm</type></os></domain>`;

test('a redefinition made behind our back (as with virsh edit) reaches the cache through the lifecycle event', async () => {
  const fx = writeFixture();
  const client = new LibvirtClient({ uri: fx.uri });
  try {
    const conn = await client.open();
    const cache = new DomainXmlCache(client, 60_000);
    const dom = await conn.domainLookupByName('test-vm');
    await conn.domainDestroy(dom); // a shut-off domain: its XML is the definition
    const first = await cache.get(conn, dom);
    assert.not.match(first, /<title>/);
    assert.is(cache.get(conn, dom), cache.get(conn, dom), 'a hit reuses the same read');
    await conn.domainDefineXML(withTitle(dom.uuid, 'edited'));
    await until(async () => /<title>edited<\/title>/.test(await cache.get(conn, dom)), 3000, 'the defined event');
  } finally {
    await client.close();
    fx.cleanup();
  }
});

test('an entry older than maxAge is read again; invalidate() drops one at once', async () => {
  const fx = writeFixture();
  const client = new LibvirtClient({ uri: fx.uri, events: false }); // no events: only age and invalidate() can refresh
  try {
    const conn = await client.open();
    const cache = new DomainXmlCache(client, 150);
    const dom = await conn.domainLookupByName('test-vm');
    await conn.domainDestroy(dom);
    await cache.get(conn, dom);
    await conn.domainDefineXML(withTitle(dom.uuid, 'one'));
    assert.not.match(await cache.get(conn, dom), /<title>/, 'still the cached copy');
    cache.invalidate(dom.uuid);
    assert.match(await cache.get(conn, dom), /<title>one<\/title>/);
    await conn.domainDefineXML(withTitle(dom.uuid, 'two'));
    await new Promise((r) => setTimeout(r, 200));
    assert.match(await cache.get(conn, dom), /<title>two<\/title>/);
  } finally {
    await client.close();
    fx.cleanup();
  }
});

test.run();
