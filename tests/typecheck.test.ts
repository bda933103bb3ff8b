// The whole tree type-checks in strict mode (`npm run check`): a type error anywhere fails the suite.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';

test('the whole tree type-checks in strict mode', () => {
  const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'], { encoding: 'utf8' });
  assert.is(r.status, 0, `tsc reported:\n${r.stdout}${r.stderr}`);
});

test.run();
