// /api/host/devices names what libvirt left as hex ids (pci.ids / usb.ids), and the id lists parse as their format says.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp } from '../../handlers/index.ts';
import { parseIds } from '../../handlers/host/device-names.ts';
import { LibvirtClient } from '../../libvirt/index.ts';
import { EventBus } from '../../runtime/events.ts';
import { openStore } from '../../db/index.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { json } from '../helpers/app.ts';
import { writePagesFixture } from '../helpers/pages-fixture.ts';

test('the id list format: vendors, their products, then classes with subclasses; other sections ignored', () => {
  const ids = parseIds([
    '# comment', '8086  Intel Corporation', '\t15bc  Ethernet Connection (7) I219-V', '\t\t8086 0001  a subsystem',
    'C 02  Network controller', '\t00  Ethernet controller', 'HID 00  None', '\t01  not a product',
  ].join('\n'));
  assert.is(ids.vendors.get('8086'), 'Intel Corporation');
  assert.is(ids.products.get('8086:15bc'), 'Ethernet Connection (7) I219-V');
  assert.is(ids.classes.get('02'), 'Network controller');
  assert.is(ids.classes.get('0200'), 'Ethernet controller');
  assert.is(ids.products.size, 1);
  assert.is(ids.classes.size, 2);
});

test('GET /api/host/devices gives vendor, product and class names for devices libvirt knows only by hex ids', async () => {
  const fx = writePagesFixture({ network: 'kimchi-t11p-net', guests: 1, prefix: 'kimchi-t11p-' });
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-t11p-'));
  const store = openStore(join(dir, 'k.db'));
  const client = new LibvirtClient({ uri: fx.uri });
  try {
    await client.open();
    const app = createApp({ libvirt: client, db: store.db, sanity: { current: () => null, recheck: async () => null }, events: new EventBus() });
    const r = await json(app.request('/api/host/devices'));
    assert.is(r.status, 200, JSON.stringify(r.body));
    const pci = r.body.find((d: { name: string }) => d.name === 'pci_0000_00_1f_6');
    assert.equal(pci.vendor, { id: '0x8086', description: 'Intel Corporation' });
    assert.equal(pci.product, { id: '0x15bc', description: 'Ethernet Connection (7) I219-V' });
    assert.is(pci.class_name, 'Ethernet controller');
    const usb = r.body.find((d: { name: string }) => d.name === 'usb_1_2');
    assert.equal(usb.vendor, { id: '0x046d', description: 'Logitech, Inc.' });
    assert.equal(usb.product, { id: '0xc52b', description: 'Unifying Receiver' });
    assert.is(usb.class_name, null);
  } finally {
    await client.close(); store.close(); rmSync(dir, { recursive: true, force: true }); fx.cleanup();
  }
});

test.run();
