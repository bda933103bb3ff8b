// domainRename (procedure 358) against libvirtd's test driver: inactive only, keeps the UUID, refuses a taken name.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ErrorCode, LibvirtError } from '../../libvirt/index.ts';
import { withTestConn } from './harness.ts';

test('an inactive domain is renamed in place, keeping its UUID', () => withTestConn(async (c) => {
  const dom = await c.domainLookupByName('before');
  await c.domainDestroy(dom);
  const renamed = await c.domainRename(dom, 'after');
  assert.equal([renamed.name, renamed.uuid], ['after', dom.uuid]);
  assert.is((await c.domainLookupByName('after')).uuid, dom.uuid);
  assert.equal((await c.connectListAllDomains()).map((d) => d.name).sort(), ['after', 'other']);
}, { domains: ['before', 'other'] }));

test('renaming a running domain is LibvirtError 55 (operation invalid)', () => withTestConn(async (c) => {
  try {
    await c.domainRename(await c.domainLookupByName('busy'), 'x');
    assert.unreachable('a running domain cannot be renamed');
  } catch (e) {
    assert.instance(e, LibvirtError);
    assert.is((e as LibvirtError).code, ErrorCode.OPERATION_INVALID);
  }
}, { domains: ['busy'] }));

test.run();
