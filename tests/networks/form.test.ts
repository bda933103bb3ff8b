// The create-network form's live checks agree with the server's rules, and the request it builds carries only the fields of its type.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkForm, emptyForm, toInput } from '../../ui/networks/form.ts';

const form = (over: Partial<ReturnType<typeof emptyForm>>) => ({ ...emptyForm(), name: 'lab', ...over });

test('an empty form is invalid only for its name; a NAT network needs nothing else', () => {
  assert.equal(checkForm(emptyForm()), { name: 'err.name' });
  assert.equal(checkForm(form({})), {});
  assert.equal(toInput(form({})), { name: 'lab', connection: 'nat', autostart: true });
});

test('names the server refuses are refused as you type', () => {
  for (const name of ['a/b', '..', ' x', 'x ', 'a\u0007', 'n'.repeat(101)]) assert.equal(checkForm(form({ name })).name, 'err.name', name);
});

test('subnets and DHCP ranges: outside, reversed or covering the gateway are errors; a valid range is sent', () => {
  assert.equal(checkForm(form({ subnet: '10.1.0.0/33' })).subnet, 'err.subnet');
  assert.equal(checkForm(form({ subnet: '10.1.0.0' })).subnet, 'err.subnet');
  const bad = [['10.1.1.5', '10.1.1.9'], ['10.1.0.9', '10.1.0.5'], ['10.1.0.1', '10.1.0.9'], ['10.1.0.5', ''], ['10.1.0.5', '10.1.0.255']];
  for (const [dhcpStart, dhcpEnd] of bad) {
    assert.equal(checkForm(form({ subnet: '10.1.0.0/24', dhcpStart, dhcpEnd })).dhcpStart, 'err.dhcp', `${dhcpStart}-${dhcpEnd}`);
  }
  const ok = form({ connection: 'isolated', subnet: '10.1.0.0/24', dhcpStart: '10.1.0.10', dhcpEnd: '10.1.0.20', autostart: false });
  assert.equal(checkForm(ok), {});
  assert.equal(toInput(ok), { name: 'lab', connection: 'isolated', autostart: false, subnet: '10.1.0.0/24', dhcp: { start: '10.1.0.10', end: '10.1.0.20' } });
});

test('bridged and macvtap networks need a host interface; the VLAN ID is 1–4094; subnet fields are not sent', () => {
  assert.equal(checkForm(form({ connection: 'bridge' })), { iface: 'err.iface' });
  assert.equal(checkForm(form({ connection: 'macvtap', iface: 'eth0', vlan: '4095' })), { vlan: 'err.vlan' });
  assert.equal(toInput(form({ connection: 'bridge', iface: 'br0', vlan: '20', subnet: '10.0.0.0/24' })),
    { name: 'lab', connection: 'bridge', autostart: true, interfaces: ['br0'], vlan_id: 20 });
});

test.run();
