// The create-pool form's CHAP fields (ui/storage/pool-form.ts): both or neither, and what the request carries.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkPoolForm, emptyPoolForm, toPoolInput, type PoolForm } from '../../ui/storage/pool-form.ts';

const iscsi = (extra: Partial<PoolForm> = {}): PoolForm => ({
  ...emptyPoolForm(), name: 'san', type: 'iscsi', host: 'san.example.com', target: 'iqn.2024-01.com.example:disk1', ...extra,
});

test('an iSCSI pool without CHAP is valid and its request has no auth', () => {
  assert.equal(checkPoolForm(iscsi()), {});
  assert.equal(toPoolInput(iscsi()).source, { host: 'san.example.com', target: 'iqn.2024-01.com.example:disk1' });
});

test('a CHAP user without a password (or the reverse) is flagged on the empty one', () => {
  assert.equal(checkPoolForm(iscsi({ chapUser: 'kimchi' })), { chapPassword: 'err.chapBoth' });
  assert.equal(checkPoolForm(iscsi({ chapPassword: 'pw' })), { chapUser: 'err.chapBoth' });
  assert.equal(checkPoolForm(iscsi({ chapUser: 'bad\tuser', chapPassword: 'pw' })), { chapUser: 'err.chapUser' });
});

test('with both, the request carries them as source.auth', () => {
  const f = iscsi({ chapUser: 'kimchi', chapPassword: 'pw', port: '3261' });
  assert.equal(checkPoolForm(f), {});
  assert.equal(toPoolInput(f).source, {
    host: 'san.example.com', target: 'iqn.2024-01.com.example:disk1', port: 3261, auth: { username: 'kimchi', password: 'pw' },
  });
});

test.run();
