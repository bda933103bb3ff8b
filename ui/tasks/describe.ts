// What a Task works on, in words: its target_uri ("/plugins/kimchi/vms/web1") read as "Guest web1".
import { t, type MessageKey } from '../common/i18n/index.ts';
import { decode } from '../common/route.ts';

/** Resource paths we know, most specific first: the pattern's groups fill the message's {a} and {b}. */
const KINDS: ReadonlyArray<[RegExp, MessageKey]> = [
  [/^\/vms\/([^/]+)\/snapshots\/([^/]+)$/, 'taskTarget.snapshot'],
  [/^\/vms\/([^/]+)$/, 'taskTarget.vm'],
  [/^\/vms\/([^/]+)\/migrate$/, 'taskTarget.migrate'],
  [/^\/storagepools\/([^/]+)\/storagevolumes\/([^/]+)$/, 'taskTarget.volume'],
  [/^\/storagepools\/([^/]+)$/, 'taskTarget.pool'],
  [/^\/templates\/([^/]+)$/, 'taskTarget.template'],
  [/^\/debugreports\/([^/]+)$/, 'taskTarget.debugreport'],
  [/^\/isoscans\/([^/]+)$/, 'taskTarget.isoscan'],
];

/** A short label for a task's target; an unknown path is shown as it is. */
export function describeTarget(uri: string): string {
  const path = uri.replace(/^\/(?:plugins\/kimchi|api)(?=\/)/, '');
  for (const [pattern, key] of KINDS) {
    const m = pattern.exec(path);
    if (m) return t(key, { a: decode(m[1]), b: m[2] === undefined ? '' : decode(m[2]) });
  }
  return uri;
}

/** The guest a task's target belongs to, if any: the drawer links to its page. */
export function targetVm(uri: string): string | undefined {
  const m = /^\/(?:plugins\/kimchi|api)\/vms\/([^/]+)/.exec(uri);
  return m ? decode(m[1]) : undefined;
}
