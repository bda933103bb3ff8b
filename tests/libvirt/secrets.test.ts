// Secrets on the real daemon (qemu:///system's secret driver): define, set a value, find by usage, undefine.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomUUID } from 'node:crypto';
import { connect, ErrorCode, LibvirtError, SecretUsage } from '../../libvirt/index.ts';
import { el, serializeXml } from '../../libvirt/xml/index.ts';

test('an iSCSI secret is defined, takes a value, is found by its usage and is gone after undefine', async () => {
  const c = await connect('qemu:///system');
  const usage = `kimchi-test-${randomUUID().slice(0, 8)}`;
  const xml = serializeXml(el('secret', { ephemeral: 'no', private: 'yes' }, [el('usage', { type: 'iscsi' }, [el('target', {}, [{ text: usage }])])]));
  const s = await c.secretDefineXML(xml);
  try {
    assert.equal([s.usageType, s.usageID], [SecretUsage.ISCSI, usage]);
    await c.secretSetValue(s, Buffer.from('chap-password'));
    const found = await c.secretLookupByUsage(SecretUsage.ISCSI, usage);
    assert.is(found.uuid, s.uuid);
    assert.match(await c.secretGetXMLDesc(found), usage);
  } finally {
    await c.secretUndefine(s).catch(() => {});
  }
  try {
    const after = await c.secretLookupByUsage(SecretUsage.ISCSI, usage).then(() => null, (e) => e);
    assert.instance(after, LibvirtError);
    assert.is(after.code, ErrorCode.NO_SECRET);
  } finally {
    await c.close();
  }
});

test.run();
