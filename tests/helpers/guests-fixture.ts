// A many-guest test-driver fixture: N domains in a mix of states, each with its own volume in the `default` pool.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';
import type { Fixture } from './fixture.ts';

/** libvirt's virDomainState numbers, as the test driver's <test:runstate> takes them. */
const RUNSTATE = { running: 1, paused: 3, shutoff: 5 } as const;
export type FixtureState = keyof typeof RUNSTATE;

export interface GuestsFixtureOptions {
  /** How many guests (named `<prefix>0001`…). */
  count: number;
  prefix?: string;
  /** The state of guest i (0-based); default: 70 % running, 25 % shut off, 5 % paused. */
  stateOf?: (i: number) => FixtureState;
  /** More guests with these exact names (shut off), after the numbered ones. */
  extra?: string[];
}

export const POOL_PATH = '/default-pool';

export function defaultState(i: number): FixtureState {
  const k = i % 20;
  return k === 19 ? 'paused' : k >= 14 ? 'shutoff' : 'running';
}

export const guestName = (prefix: string, i: number) => `${prefix}${String(i + 1).padStart(4, '0')}`;

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true });

function domain(name: string, i: number, state: FixtureState) {
  return {
    '@type': 'test',
    '@xmlns:test': 'http://libvirt.org/schemas/domain/test/1.0',
    name,
    uuid: randomUUID(),
    memory: { '@unit': 'KiB', '#text': 524288 * (1 + (i % 4)) },
    currentMemory: { '@unit': 'KiB', '#text': 524288 * (1 + (i % 4)) },
    vcpu: 1 + (i % 4),
    os: { type: 'hvm' },
    devices: {
      disk: { '@type': 'file', '@device': 'disk', source: { '@file': `${POOL_PATH}/${name}.img` }, target: { '@dev': 'vda' } },
      graphics: i % 3 === 0 ? undefined : { '@type': 'vnc', '@port': '-1', '@autoport': 'yes' },
    },
    'test:runstate': RUNSTATE[state],
  };
}

function volume(name: string) {
  return {
    '@type': 'file', name: `${name}.img`, key: `${POOL_PATH}/${name}.img`,
    capacity: { '@unit': 'GiB', '#text': 1 }, allocation: { '@unit': 'MiB', '#text': 64 },
    target: { path: `${POOL_PATH}/${name}.img` },
  };
}

/** Writes the fixture; its `default` pool holds one volume per guest (so deleting a guest lists a disk). */
export function writeGuestsFixture(opts: GuestsFixtureOptions): Fixture & { names: string[] } {
  const prefix = opts.prefix ?? 'vm-';
  const stateOf = opts.stateOf ?? defaultState;
  const names = [...Array.from({ length: opts.count }, (_, i) => guestName(prefix, i)), ...(opts.extra ?? [])];
  const node = {
    domain: names.map((n, i) => domain(n, i, i < opts.count ? stateOf(i) : 'shutoff')),
    network: {
      name: 'default', uuid: randomUUID(), bridge: { '@name': 'virbr0' }, forward: { '@mode': 'nat' },
      ip: { '@address': '192.168.122.1', '@netmask': '255.255.255.0' },
    },
    pool: {
      '@type': 'dir', name: 'default', uuid: randomUUID(), capacity: { '@unit': 'TiB', '#text': 10 },
      available: { '@unit': 'TiB', '#text': 9 }, target: { path: POOL_PATH }, volume: names.map(volume),
    },
  };
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-guests-fixture-'));
  const path = join(dir, 'node.xml');
  writeFileSync(path, builder.build({ node }));
  return { uri: `test://${path}`, path, names, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
