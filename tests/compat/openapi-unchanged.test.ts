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

/** Schemas a request body names: a new required field there breaks old clients; in an answer it is an addition. */
function requestSchemas(doc: any): Set<string> {
  const refs = JSON.stringify(Object.values(doc.paths ?? {}).flatMap((ops: any) => Object.values(ops).map((op: any) => op.requestBody ?? null)));
  return new Set([...refs.matchAll(/#\/components\/schemas\/([^"]+)/g)].map((m) => m[1]!));
}

/**
 * Paths where `now` lost or changed something `was` had. Objects may gain keys, enums values, operations parameters,
 * an answer's schema required fields (a request's may lose them); summaries and descriptions are prose and may be
 * reworded; other arrays and values must match.
 */
function removals(was: unknown, now: unknown, at = '$', requests = new Set<string>()): string[] {
  if (/\.(description|summary)$/.test(at) && typeof was === 'string' && typeof now === 'string') return [];
  // A request schema's required list, also of one branch of its oneOf (the VmStorageCreate kinds).
  const required = /^\$\.components\.schemas\.([^.]+)(?:\.oneOf\.\d+)?\.required$/.exec(at);
  const has = (list: unknown[], v: unknown) => list.some((x) => JSON.stringify(x) === JSON.stringify(v));
  if (required && requests.has(required[1]!) && Array.isArray(was) && now === undefined) return []; // it requires nothing now
  // The branches of a oneOf are schemas like any other: each may gain what a schema may.
  if (at.endsWith('.oneOf') && Array.isArray(was) && Array.isArray(now) && was.length === now.length) {
    return was.flatMap((v, i) => removals(v, now[i], `${at}.${i}`, requests));
  }
  if (Array.isArray(was) && Array.isArray(now)) {
    // A request may stop requiring a field; an answer, an enum or a parameter list may only gain entries.
    if (required && requests.has(required[1]!)) return now.every((v) => has(was, v)) ? [] : [at];
    if (required || at.endsWith('.enum') || at.endsWith('.parameters')) return was.every((v) => has(now, v)) ? [] : [at];
  }
  if (was && typeof was === 'object' && !Array.isArray(was)) {
    if (!now || typeof now !== 'object' || Array.isArray(now)) return [at];
    return Object.entries(was).flatMap(([k, v]) => removals(v, (now as Record<string, unknown>)[k], `${at}.${k}`, requests));
  }
  return JSON.stringify(was) === JSON.stringify(now) ? [] : [at];
}

test('/api/openapi.json keeps every path, operation and schema it had; only additions are new', async () => {
  const t = await makeApp();
  try {
    const now = (await json(t.app.request('/api/openapi.json'))).body;
    assert.equal(removals(before, now, '$', requestSchemas(now)), []);
    assert.ok(removals(now, before).length > 0, 'the additions (netboot, bootmenu, graphics on PUT /vms) are there');
  } finally {
    await t.cleanup();
  }
});

test.run();
