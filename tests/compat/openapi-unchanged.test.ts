// /api stays ours: its OpenAPI document holds everything it held before issue 13, changed only by additions.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { json, makeApp } from '../helpers/app.ts';

/**
 * The document /api/openapi.json served before the Kimchi 3.0 surface (dumped from the commit it branched from).
 * When /api changes on purpose, regenerate it from that change's parent and say so in the commit.
 */
const before = JSON.parse(readFileSync(new URL('./fixtures/api-openapi-before-issue13.json', import.meta.url), 'utf8'));

/**
 * Paths where `now` lost or changed something `was` had (objects may gain keys; arrays and values must match, except
 * an `enum` may gain values: issue 14's Task status `cancelled`).
 */
function removals(was: unknown, now: unknown, at = '$'): string[] {
  if (at.endsWith('.enum') && Array.isArray(was) && Array.isArray(now)) {
    return was.every((v) => now.some((w) => JSON.stringify(w) === JSON.stringify(v))) ? [] : [at];
  }
  if (was && typeof was === 'object' && !Array.isArray(was)) {
    if (!now || typeof now !== 'object' || Array.isArray(now)) return [at];
    return Object.entries(was).flatMap(([k, v]) => removals(v, (now as Record<string, unknown>)[k], `${at}.${k}`));
  }
  return JSON.stringify(was) === JSON.stringify(now) ? [] : [at];
}

test('/api/openapi.json keeps every path, operation and schema it had; only additions are new', async () => {
  const t = await makeApp();
  try {
    const now = (await json(t.app.request('/api/openapi.json'))).body;
    assert.equal(removals(before, now), []);
    assert.ok(removals(now, before).length > 0, 'the additions (netboot, bootmenu, graphics on PUT /vms) are there');
  } finally {
    await t.cleanup();
  }
});

test.run();
