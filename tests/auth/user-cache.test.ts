// The server's user lookups (two getent runs each) are reused for a short while instead of running on every request.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cachedUser } from '../../runtime/auth/provider.ts';

test('a user is looked up once per window; after it, or after a failed lookup, again', async () => {
  let calls = 0;
  let fail = false;
  const lookup = async (name: string) => {
    calls++;
    if (fail) throw new Error('getent broke');
    return { name, uid: 1000, groups: ['g'] };
  };
  const user = cachedUser(lookup, 50);
  assert.equal(await user('ana'), { name: 'ana', uid: 1000, groups: ['g'] });
  await user('ana');
  assert.is(calls, 1, 'reused within the window');
  await user('bob');
  assert.is(calls, 2, 'per name');
  await new Promise((r) => setTimeout(r, 60));
  await user('ana');
  assert.is(calls, 3, 'asked again after the window');
  fail = true;
  await user('carl').catch(() => {});
  fail = false;
  await user('carl');
  assert.is(calls, 5, 'a failure is not remembered');
});

test.run();
