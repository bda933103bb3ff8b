// Storage discovery: NFS exports through the test driver's connectFindStoragePoolSources, iSCSI from a recorded reply.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { targetsOf } from '../../handlers/storage/servers-routes.ts';
import { buildStoragePoolXML, parseStoragePoolSourceOf } from '../../libvirt/xml/index.ts';
import { json, makeApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
test.before(async () => { t = await makeApp(); });
test.after(async () => { await t.cleanup(); });

test('NFS exports of a host are listed (test driver: no NFS server runs here without systemd)', async () => {
  const r = await json(t.app.request('/api/storageservers/127.0.0.1/storagetargets?_target_type=netfs'));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body, [{ host: '127.0.0.1', target_type: 'nfs', target: '/testshare' }]);
});

test('a hostile host name or an unknown target type is a 400', async () => {
  assert.equal((await json(t.app.request("/api/storageservers/a'b/storagetargets"))).status, 400);
  assert.equal((await json(t.app.request('/api/storageservers/h/storagetargets?_target_type=zfs'))).status, 400);
});

// What libvirtd answers for findStoragePoolSources('iscsi') (iscsiadm sendtargets discovery), recorded.
const ISCSI_REPLY = `<sources>
  <source>
    <host name='192.168.1.20' port='3260'/>
    <device path='iqn.2024-01.com.example:storage.disk1'/>
  </source>
  <source>
    <host name='192.168.1.20' port='3260'/>
    <device path='iqn.2024-01.com.example:storage.disk2'/>
  </source>
</sources>`;

test('an iSCSI discovery reply gives one target per IQN with host and port', () => {
  assert.equal(targetsOf(ISCSI_REPLY, 'iscsi', 'san'), [
    { host: '192.168.1.20', target_type: 'iscsi', target: 'iqn.2024-01.com.example:storage.disk1', port: 3260 },
    { host: '192.168.1.20', target_type: 'iscsi', target: 'iqn.2024-01.com.example:storage.disk2', port: 3260 },
  ]);
  assert.equal(targetsOf('<sources/>', 'iscsi', 'san'), []);
});

test('iSCSI and scsi pool XML carry host, port, IQN and adapter, escaped, and parse back', () => {
  const xml = buildStoragePoolXML({ type: 'iscsi', name: 'san', host: '10.0.0.5', port: 3260, iqn: 'iqn.2024-01.com.example:a&b' });
  assert.match(xml, /<source><host name="10.0.0.5" port="3260"\/><device path="iqn.2024-01.com.example:a&amp;b"\/><\/source>/);
  assert.match(xml, /<target><path>\/dev\/disk\/by-path<\/path><\/target>/);
  assert.equal(parseStoragePoolSourceOf(xml).devices, ['iqn.2024-01.com.example:a&b']);
  const fc = buildStoragePoolXML({ type: 'scsi', name: 'fc', adapter: { type: 'fc_host', parent: 'host5', wwnn: '20000000c9831b4b', wwpn: '10000000c9831b4b' } });
  assert.equal(parseStoragePoolSourceOf(fc).adapter, { type: 'fc_host', parent: 'host5', wwnn: '20000000c9831b4b', wwpn: '10000000c9831b4b' });
});

test.run();
