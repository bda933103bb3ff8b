// What the Guests list shows: search, state filter and sort read from the URL query, applied to the store's keys.
import { createMemo, type Accessor } from 'solid-js';
import { vmHost, type Vm, type VmState } from '../api/vms.ts';
import { locale } from '../common/i18n/index.ts';
import { route, setQuery } from '../common/route.ts';
import type { VmStore } from './store.ts';

export const FILTERS = ['running', 'shutoff', 'paused', 'other'] as const;
export type Filter = (typeof FILTERS)[number];
export const COLUMNS = ['name', 'host', 'state', 'vcpus', 'memory', 'cpu', 'mem', 'disk', 'net', 'graphics'] as const;
export type Column = (typeof COLUMNS)[number];
export type Dir = 'asc' | 'desc';

/** The filter group a state counts in ("Running 140 · Shut off 55 · Paused 5"). */
export function groupOf(state: VmState): Filter {
  if (state === 'running' || state === 'blocked') return 'running';
  if (state === 'shutoff') return 'shutoff';
  if (state === 'paused' || state === 'pmsuspended') return 'paused';
  return 'other';
}

const STATE_ORDER: Record<VmState, number> = {
  running: 0, blocked: 1, paused: 2, pmsuspended: 3, shutdown: 4, crashed: 5, shutoff: 6, nostate: 7,
};
const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });

const KEY: Record<Exclude<Column, 'name'>, (vm: Vm) => number | string> = {
  host: (vm) => vmHost(vm),
  state: (vm) => STATE_ORDER[vm.state] ?? 9,
  vcpus: (vm) => vm.cpu_info.vcpus,
  memory: (vm) => vm.memory.current,
  cpu: (vm) => vm.stats.cpu_utilization,
  mem: (vm) => vm.stats.mem_utilization,
  disk: (vm) => vm.stats.io_throughput,
  net: (vm) => vm.stats.net_throughput,
  graphics: (vm) => vm.graphics.type ?? '',
};

export interface ListQuery { q: string; state?: Filter; sort: Column; dir: Dir }

export function readQuery(query: URLSearchParams): ListQuery {
  const state = query.get('state') as Filter | null;
  const sort = query.get('sort') as Column | null;
  return {
    q: query.get('q') ?? '',
    state: state && FILTERS.includes(state) ? state : undefined,
    sort: sort && COLUMNS.includes(sort) ? sort : 'name',
    dir: query.get('dir') === 'desc' ? 'desc' : 'asc',
  };
}

/** Click on a column: sort by it ascending, or flip the direction when it already sorts. Kept in the URL. */
export function sortBy(column: Column, current: ListQuery): void {
  const dir: Dir = current.sort === column && current.dir === 'asc' ? 'desc' : 'asc';
  setQuery({ sort: column === 'name' ? undefined : column, dir: dir === 'asc' ? undefined : dir });
}

export interface ListView {
  query: Accessor<ListQuery>;
  /** The keys (host + name) shown, filtered and sorted. */
  rows: Accessor<readonly string[]>;
  /** Guests per filter group, over the search result (the chips' numbers). */
  counts: Accessor<Record<Filter | 'all', number>>;
}

export function createListView(store: VmStore): ListView {
  const query = createMemo(() => readQuery(route().query), undefined, {
    equals: (a, b) => a.q === b.q && a.state === b.state && a.sort === b.sort && a.dir === b.dir,
  });
  const name = (key: string) => store.byKey[key]?.name ?? key;
  const searched = createMemo(() => {
    const q = query().q.trim().toLocaleLowerCase(locale);
    const all = store.keys();
    return q ? all.filter((k) => name(k).toLocaleLowerCase(locale).includes(q)) : all;
  });
  const counts = createMemo(() => {
    const c = { all: 0, running: 0, shutoff: 0, paused: 0, other: 0 };
    for (const n of searched()) {
      const vm = store.byKey[n];
      if (vm) { c.all++; c[groupOf(vm.state)]++; }
    }
    return c;
  });
  const rows = createMemo(() => {
    const { state, sort, dir } = query();
    const list = state ? searched().filter((n) => store.byKey[n] && groupOf(store.byKey[n]!.state) === state) : [...searched()];
    const sign = dir === 'asc' ? 1 : -1;
    // Same name on two hosts: the key (host first) settles the order.
    const byName = (a: string, b: string) => collator.compare(name(a), name(b)) || collator.compare(a, b);
    if (sort === 'name') return list.sort((a, b) => sign * byName(a, b));
    const key = KEY[sort];
    const keyed = list.map((n) => [store.byKey[n] ? key(store.byKey[n]!) : '', n] as const);
    keyed.sort((a, b) => {
      const d = typeof a[0] === 'number' ? (a[0] as number) - (b[0] as number) : collator.compare(String(a[0]), String(b[0]));
      return d !== 0 ? sign * d : byName(a[1], b[1]);
    });
    return keyed.map((k) => k[1]);
  }, [], { equals: (a, b) => a.length === b.length && a.every((n, i) => n === b[i]) });
  return { query, rows, counts };
}
