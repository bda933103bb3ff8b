// The New guest dialog's cloud-init fields: problems found as the user types, and the `cloud_init` the body sends.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createRoot } from 'solid-js';
import { createCloudInitForm } from '../../ui/vms/create/cloud-form.ts';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIeJxO4xWq1qoqUEhpB1m5oz8bPdsh/J4ZC38C8kv5eM alice@laptop';
const form = () => createRoot(() => createCloudInitForm());

test('a user and a key (or a password) are needed; a line that is not a key is named by its number', () => {
  const f = form();
  assert.equal(Object.keys(f.problems()).sort(), ['ciKeys', 'ciUser']);
  f.edit('ciUser', 'root');
  assert.ok(f.problems().ciUser, 'root is refused');
  f.edit('ciUser', 'alice');
  f.edit('ciKeys', `${KEY}\n\nnot a key`);
  assert.match(f.problems().ciKeys!, /2/);
  f.edit('ciKeys', `  ${KEY}  \n`);
  assert.equal(f.problems(), {});
  f.edit('ciKeys', '');
  f.edit('ciPassword', 'secret');
  assert.equal(f.problems(), {}, 'a password alone lets the user log in');
  f.edit('ciHostname', '-web');
  assert.ok(f.problems().ciHostname);
});

test('the body leaves out what was not given and trims key lines', () => {
  const f = form();
  f.edit('ciUser', 'alice');
  f.edit('ciKeys', `\n ${KEY} \n`);
  assert.equal(f.body(), { user: 'alice', ssh_keys: [KEY] });
  f.edit('ciPassword', 'pw');
  f.edit('ciHostname', 'web1');
  f.edit('ciUserData', 'packages: [htop]\n');
  assert.equal(f.body(), { user: 'alice', password: 'pw', ssh_keys: [KEY], hostname: 'web1', user_data: 'packages: [htop]\n' });
});

test.run();
