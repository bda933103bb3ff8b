// Accessibility check for browser tests: axe-core run inside the page, failing on serious or critical violations.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let source: string | undefined;
/** axe-core's browser bundle, read once per process. */
const axeSource = () => (source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

interface AxeNode { target: unknown[]; html: string; failureSummary?: string }
interface AxeViolation { id: string; impact: string | null; help: string; helpUrl: string; nodes: AxeNode[] }

const BLOCKING = new Set(['serious', 'critical']);

/** One violation as a few readable lines: rule, impact, what it means, and each offending element. */
function describe(v: AxeViolation): string {
  const nodes = v.nodes.slice(0, 8).map((n) => {
    const why = (n.failureSummary ?? '').split('\n').slice(1).map((l) => l.trim()).filter(Boolean).join('; ');
    return `    - ${n.target.map(String).join(' > ')}  ${n.html.slice(0, 160)}${why ? `\n      ${why}` : ''}`;
  });
  const more = v.nodes.length > 8 ? [`    … and ${v.nodes.length - 8} more`] : [];
  return [`  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`, ...nodes, ...more].join('\n');
}

/**
 * Runs axe-core on what `page` shows now (hidden elements are skipped by axe) and throws, listing every serious or
 * critical violation, if there is any. Minor and moderate ones are returned for the caller to print if it wants.
 * `label` names the page or dialog in the failure message.
 */
export async function assertAccessible(page: Page, label: string, opts: { include?: string } = {}): Promise<string[]> {
  // Evaluated through the devtools protocol, not a <script> tag: the app's CSP refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${axeSource()}\n;void 0`);
  const violations = await page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(include ? { include: [include] } : document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  }, opts.include ?? null);
  const blocking = violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  if (blocking.length) {
    throw new Error(`axe-core: ${blocking.length} serious/critical accessibility violation(s) on ${label}:\n${blocking.map(describe).join('\n')}`);
  }
  return violations.map((v) => `[${v.impact}] ${v.id}: ${v.help} (${v.nodes.length})`);
}
