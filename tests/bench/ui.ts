// bench:ui — the real server (PAM login on) over a 1000-guest test-driver fixture, driven by Chromium: JavaScript bytes
// on the wire for the first load (login page + Guests tab, as compressed) and the time from pressing "Log in" to a
// usable guest list (rows `[data-testid=vm-row]` drawn and the main thread free to take input). Exits 1 on a miss.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { pamProvider } from '../../runtime/auth/provider.ts';
import { startServer } from '../../runtime/server.ts';
import { UI_DIR, ensureUiBuilt, launchChromium } from '../helpers/browser.ts';
import { writeFixture } from '../helpers/fixture.ts';
import { createUser, installPamService, removeUser, type TestUser } from '../helpers/users.ts';

const DOMAINS = Number(process.env.BENCH_DOMAINS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** One uncounted first run: Chromium's own cold start is not the page's time. */
const WARMUP = 1;
const JS_BUDGET = 90 * 1000; // bytes on the wire (the issue's "90 KB")
const TIME_BUDGET_MS = 1000;
const ROW = '[data-testid=vm-row]';
/** Until u-list's table is merged the Guests tab draws cards: measured too, and said so. */
const CARD = '[data-testid=vm-card]';
const SERVICE = 'kimchi-bench-ui';

const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

ensureUiBuilt();
const fx = writeFixture({ domains: DOMAINS });
const dataDir = mkdtempSync(join(tmpdir(), 'kimchi-bench-ui-'));
const removePam = installPamService(SERVICE);
let user: TestUser | undefined;
const server = await startServer({
  host: '127.0.0.1', port: 0, libvirtUri: fx.uri, dataDir, poolPath: join(dataDir, 'pool'), uiDir: UI_DIR,
  logger: pino({ level: 'silent' }), auth: pamProvider({ pamService: SERVICE }),
});
const browser = await launchChromium();
let ok = false;
try {
  user = createUser('kbu', ['sudo']);
  const times: number[] = [];
  let scripts: Array<{ url: string; bytes: number; encoding: string }> = [];
  let kind = '';
  for (let run = 0; run < WARMUP + RUNS; run++) {
    // A fresh context each run: no HTTP cache, no session — a first visit.
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const seen = new Map<string, { url: string; encoding: string; script: boolean }>();
    const wire: Array<{ url: string; bytes: number; encoding: string }> = [];
    cdp.on('Network.responseReceived', (e) => {
      const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      seen.set(e.requestId, { url: e.response.url, encoding: h['content-encoding'] ?? 'identity', script: e.type === 'Script' });
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = seen.get(e.requestId);
      if (r?.script) wire.push({ url: r.url.replace(server.url, ''), bytes: e.encodedDataLength, encoding: r.encoding });
    });

    await page.goto(server.url, { waitUntil: 'domcontentloaded' });
    await page.locator('[data-testid=login-page]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid=login-username]').fill(user.name);
    await page.locator('[data-testid=login-password]').fill(user.password);
    // Timed inside the page: from the click on Log in to the first frame with guest rows, plus one task (input
    // queued then would be handled: the list is interactive, not just painted).
    // A string, not a function: tsx would wrap the inner functions in a helper the page does not have.
    await page.evaluate(`window.__bench = new Promise((resolve, reject) => {
      setTimeout(() => reject(new Error('no guest rows within 60 s; the page shows: ' + document.body.innerText.slice(0, 300))), 60000);
      document.addEventListener('click', (ev) => {
        if (!ev.target.closest('[data-testid=login-submit]')) return;
        const t0 = performance.now();
        const count = (sel) => document.querySelectorAll(sel).length;
        const check = () => {
          const found = count(${JSON.stringify(ROW)}) ? { n: count(${JSON.stringify(ROW)}), kind: 'rows' }
            : count(${JSON.stringify(CARD)}) ? { n: count(${JSON.stringify(CARD)}), kind: 'cards' } : undefined;
          if (!found) return requestAnimationFrame(check);
          setTimeout(() => resolve({ ms: performance.now() - t0, rows: found.n, kind: found.kind }), 0);
        };
        requestAnimationFrame(check);
      }, { capture: true, once: true });
    }); 0`);
    await page.locator('[data-testid=login-submit]').click();
    const result = await page.evaluate(() => (window as unknown as { __bench: Promise<{ ms: number; rows: number; kind: string }> }).__bench);
    // Interactive means a row takes focus and answers: the first one is on screen and focusable or clickable.
    const first = page.locator(`${ROW}, ${CARD}`).first();
    if (!(await first.isVisible())) throw new Error('the first guest row is not visible');
    await page.waitForLoadState('networkidle').catch(() => {});
    if (run >= WARMUP) times.push(result.ms);
    kind = result.kind;
    scripts = wire;
    console.log(`  ${run < WARMUP ? 'warm-up' : `run ${run + 1 - WARMUP}`}: ${result.ms.toFixed(0)} ms to ${result.rows} ${result.kind} drawn; JS ${kb(wire.reduce((n, s) => n + s.bytes, 0))}`);
    await context.close();
  }

  const jsBytes = scripts.reduce((n, s) => n + s.bytes, 0);
  const ms = median(times);
  const jsOk = jsBytes <= JS_BUDGET, timeOk = ms < TIME_BUDGET_MS && kind === 'rows';
  console.log(`bench:ui  ${DOMAINS} guests, Chromium, login page + Guests tab on a first visit (median of ${RUNS} runs after ${WARMUP} warm-up)`);
  for (const s of scripts.sort((a, b) => b.bytes - a.bytes)) console.log(`    ${kb(s.bytes).padStart(9)}  ${s.encoding.padEnd(8)} ${s.url}`);
  console.log(`  JS transferred on first load   ${kb(jsBytes)}  (${scripts.length} files; budget ${kb(JS_BUDGET)}: ${jsOk ? 'ok' : 'MISSED'})`);
  console.log(`  login → usable guest list      ${ms.toFixed(0)} ms median (budget < ${TIME_BUDGET_MS} ms: ${timeOk ? 'ok' : 'MISSED'})`
    + (kind === 'rows' ? '' : `  — measured on ${kind}: no ${ROW} yet (the Guests table is not merged), counted as a miss`));
  ok = jsOk && timeOk;
} finally {
  await browser.close().catch(() => {});
  await server.close();
  removeUser(user);
  removePam();
  rmSync(dataDir, { recursive: true, force: true });
  fx.cleanup();
}
process.exit(ok ? 0 : 1);
