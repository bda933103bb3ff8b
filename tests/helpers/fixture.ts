// Writes libvirt test-driver fixtures (one private hypervisor per connection) and returns their URIs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { XMLBuilder } from 'fast-xml-parser';

export interface FixtureOptions {
  /** Domain names, or a count (named `vm-0001`…). Default: one domain `test-vm`. */
  domains?: string[] | number;
  /** Include the `default` NAT network (default true). */
  defaultNetwork?: boolean;
  /** Include a `default` dir pool (default true). */
  defaultPool?: boolean;
}

export interface Fixture {
  uri: string;
  path: string;
  cleanup(): void;
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true });

function domain(name: string, i: number) {
  return {
    '@type': 'test',
    name,
    uuid: randomUUID(),
    memory: { '@unit': 'KiB', '#text': 1048576 },
    currentMemory: { '@unit': 'KiB', '#text': 1048576 },
    vcpu: 1 + (i % 2),
    os: { type: 'hvm' },
    devices: {
      disk: { '@type': 'file', '@device': 'disk', source: { '@file': `/guests/${name}.img` }, target: { '@dev': 'hda' } },
    },
  };
}

export function writeFixture(opts: FixtureOptions = {}): Fixture {
  const names = typeof opts.domains === 'number'
    ? Array.from({ length: opts.domains }, (_, i) => `vm-${String(i + 1).padStart(4, '0')}`)
    : (opts.domains ?? ['test-vm']);
  const node: Record<string, unknown> = { domain: names.map(domain) };
  if (opts.defaultNetwork ?? true) {
    node.network = {
      name: 'default', uuid: randomUUID(), bridge: { '@name': 'virbr0' }, forward: { '@mode': 'nat' },
      ip: { '@address': '192.168.122.1', '@netmask': '255.255.255.0',
        dhcp: { range: { '@start': '192.168.122.2', '@end': '192.168.122.254' } } },
    };
  }
  if (opts.defaultPool ?? true) {
    node.pool = { '@type': 'dir', name: 'default', uuid: randomUUID(), target: { path: '/default-pool' } };
  }
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-fixture-'));
  const path = join(dir, 'node.xml');
  writeFileSync(path, builder.build({ node }));
  return { uri: `test://${path}`, path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
