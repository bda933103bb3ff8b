// OS detection from install ISOs against the installed osinfo-db: real images made by xorriso, real database files.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadDatabase, OSINFO_DIR } from '../../handlers/templates/osinfo/database.ts';
import { identify } from '../../handlers/templates/osinfo/detect.ts';
import { detectIso, GENERIC, osDefaults } from '../../handlers/templates/osinfo/index.ts';
import { readIsoFile } from '../../handlers/templates/osinfo/isofs.ts';
import { withImage } from '../../handlers/templates/osinfo/medium.ts';
import { type IsoSpec, makeIso, tempDir } from '../helpers/iso.ts';

type Node = Record<string, any>;
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (n) => ['resources', 'media', 'iso'].includes(n) });

/** What one database file says, read here independently of the code under test. */
async function dbFile(rel: string) {
  const os: Node = xml.parse(await readFile(join(OSINFO_DIR, 'os', rel), 'utf8')).libosinfo.os;
  // the block osinfo applies on an x86_64 host: that architecture's own, else `all`
  const res: Node = os.resources.find((r: Node) => r['@arch'] === 'x86_64') ?? os.resources.find((r: Node) => r['@arch'] === 'all');
  const volumeIds: string[] = os.media.flatMap((m: Node) => (m.iso ?? []).map((i: Node) => i['volume-id']));
  return {
    id: os['@id'] as string, distro: os.distro as string, version: os.version as string,
    // recommended, else minimum (Windows 10 states only a minimum)
    memoryMiB: Number((res.recommended ?? res.minimum).ram) / 2 ** 20, diskGiB: Number((res.recommended ?? res.minimum).storage) / 2 ** 30, volumeIds,
  };
}

async function detect(spec: IsoSpec) {
  const iso = await makeIso(spec);
  try {
    return await detectIso(iso.path);
  } finally {
    await iso.cleanup();
  }
}

/** The message `fn` rejects with (uvu's assert has no rejects()). */
async function rejection(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (err) {
    assert.instance(err, Error);
    return (err as Error).message;
  }
  throw new assert.Assertion({ message: 'expected a rejection', operator: 'rejects', generated: false, actual: 'resolved', expects: 'rejected' });
}

const timings: string[] = [];

test('the first detection loads the database once; later ones reuse it and take milliseconds', async () => {
  const iso = await makeIso({ volumeId: 'Fedora-S-dvd-x86_64-36', systemId: 'LINUX' });
  try {
    let t = performance.now();
    await detectIso(iso.path);
    const first = performance.now() - t;
    t = performance.now();
    await detectIso(iso.path);
    const second = performance.now() - t;
    const db = await loadDatabase();
    assert.is(await loadDatabase(), db, 'the parsed index is cached');
    assert.ok(db.entries.length > 500, `${db.entries.length} OS entries`);
    assert.ok(second < 100, `second detection took ${second.toFixed(1)} ms`);
    timings.push(`db load ${db.loadMs.toFixed(0)} ms (${db.entries.length} OSes), first detect ${first.toFixed(0)} ms, next ${second.toFixed(1)} ms`);
  } finally {
    await iso.cleanup();
  }
});

const KNOWN: [string, IsoSpec][] = [
  ['fedoraproject.org/fedora-36.xml', { volumeId: 'Fedora-S-dvd-x86_64-36', systemId: 'LINUX' }],
  ['debian.org/debian-11.xml', { volumeId: 'Debian 11.5.0 amd64 n' }],
  ['ubuntu.com/ubuntu-22.04.xml', { volumeId: 'Ubuntu-Server 22.04.1 LTS amd64' }],
];
for (const [file, spec] of KNOWN) {
  test(`a "${spec.volumeId}" image is ${file}, with its recommended memory and storage`, async () => {
    const want = await dbFile(file);
    assert.ok(want.volumeIds.some((re) => new RegExp(re).test(spec.volumeId)), 'the crafted id matches a media rule in the file');
    const got = await detect(spec);
    assert.equal(
      { distro: got.distro, version: got.version, osinfoId: got.osinfoId, memoryMiB: got.memoryMiB, diskGiB: got.diskGiB },
      { distro: want.distro, version: want.version, osinfoId: want.id, memoryMiB: want.memoryMiB, diskGiB: Math.ceil(want.diskGiB) },
    );
    assert.is(got.diskBus, 'virtio');
    assert.is(got.nicModel, 'virtio');
  });
}

test('Windows rules match a prefix of the volume id, as osinfo does, and Windows gets sata and e1000', async () => {
  const want = await dbFile('microsoft.com/win-10.xml');
  const got = await detect({ volumeId: 'CCCOMA_X64FRE_EN-US_DV9', publisherId: 'MICROSOFT CORPORATION' });
  assert.equal([got.distro, got.version, got.osinfoId, got.memoryMiB], ['windows', '10', want.id, want.memoryMiB]);
  assert.equal([got.diskBus, got.nicModel], ['sata', 'e1000']);
});

test('a media rule with two fields counts both; the same id without the system id matches only the netinst rule', async () => {
  for (const [spec, fields] of [[{ volumeId: 'Fedora-S-dvd-x86_64-36', systemId: 'LINUX' }, 2], [{ volumeId: 'Fedora-S-dvd-x86_64-36' }, 1]] as const) {
    const iso = await makeIso(spec);
    try {
      const { candidates } = await identify(iso.path);
      assert.equal(candidates.map((c) => [c.entry.id, c.fields]), [['http://fedoraproject.org/fedora/36', fields]]);
    } finally {
      await iso.cleanup();
    }
  }
});

test('an image osinfo-db does not know is GENERIC', async () => {
  assert.equal(await detect({ volumeId: 'KIMCHI_TEST_NOT_AN_OS', systemId: 'NOBODY' }), GENERIC);
  assert.equal(GENERIC, { distro: 'unknown', version: 'unknown', memoryMiB: 1024, diskGiB: 10, diskBus: 'virtio', nicModel: 'virtio' });
});

test('a text file is refused with a clear error, and so is a missing path', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const text = join(dir, 'notes.iso');
    await writeFile(text, 'just some text\n'.repeat(4000));
    assert.match(await rejection(() => detectIso(text)), /notes\.iso is not an ISO 9660 image/);
    assert.match(await rejection(() => detectIso(join(dir, 'gone.iso'))), /gone\.iso does not exist/);
    assert.match(await rejection(() => detectIso(dir)), /is a directory, so not an ISO 9660 image/);
    const fifo = join(dir, 'pipe.iso');
    execFileSync('mkfifo', [fifo]);
    assert.match(await rejection(() => detectIso(fifo)), /pipe\.iso is a named pipe \(FIFO\), so not an ISO 9660 image/);
  } finally {
    await cleanup();
  }
});

test('reading a medium has a time limit: a read that takes too long is answered as too slow, and later reads still run', async () => {
  const iso = await makeIso({ volumeId: 'SLOW' });
  try {
    const t0 = Date.now();
    const slow = (fh: import('node:fs/promises').FileHandle) => new Promise((r) => setTimeout(r, 1000)).then(() => fh.stat());
    assert.match(await rejection(() => withImage(iso.path, slow, 200)), /reading .*image\.iso took longer than 0\.2 s/);
    assert.ok(Date.now() - t0 < 600, 'answered at the limit, not when the read ended');
    assert.equal((await identify(iso.path)).facts.volumeId, 'SLOW');
  } finally {
    await iso.cleanup();
  }
});

test('four openSUSE releases share one Live CD rule; media.1/products picks the release', async () => {
  const live = { volumeId: 'openSUSE Live CD GNOME', systemId: 'LINUX', publisherId: 'SUSE LINUX Products GmbH' };
  const iso = await makeIso(live);
  try {
    assert.is((await identify(iso.path)).candidates.length, 4);
  } finally {
    await iso.cleanup();
  }
  for (const version of ['12.1', '12.2', '11.4']) {
    const want = await dbFile(`opensuse.org/opensuse-${version}.xml`);
    const got = await detect({ ...live, files: { 'media.1/products': `/ openSUSE ${version}-0\n` } });
    assert.equal([got.distro, got.version, got.osinfoId, got.memoryMiB], ['opensuse', version, want.id, want.memoryMiB]);
  }
});

test('a Fedora newer than the database is fedora/unknown, and its .treeinfo supplies the version', async () => {
  const spec = { volumeId: 'Fedora-S-dvd-x86_64-40', systemId: 'LINUX' };
  const bare = await detect(spec);
  assert.equal([bare.distro, bare.version, bare.osinfoId], ['fedora', 'unknown', 'http://fedoraproject.org/fedora/unknown']);
  const treeinfo = '[general]\nfamily = Fedora\nversion = 40\narch = x86_64\nvariant = Server\n';
  const withTree = await detect({ ...spec, files: { '.treeinfo': treeinfo } });
  assert.equal([withTree.distro, withTree.version, withTree.memoryMiB], ['fedora', '40', bare.memoryMiB]);
});

test('Rock Ridge and Joliet names keep their case; plain names are found case-blind', async () => {
  const files = { 'dir/Foo': 'mixed', 'dir/FOO': 'upper', '.disk/info': 'Debian GNU/Linux 11.5.0' };
  for (const ext of [{ rockRidge: true, joliet: false }, { rockRidge: false, joliet: true }]) {
    const iso = await makeIso({ volumeId: 'CASES', files, ...ext });
    try {
      assert.is(String(await readIsoFile(iso.path, 'dir/Foo')), 'mixed', JSON.stringify(ext));
      assert.is(String(await readIsoFile(iso.path, 'dir/FOO')), 'upper', JSON.stringify(ext));
      assert.is(String(await readIsoFile(iso.path, '.disk/info')), files['.disk/info']);
      assert.is(await readIsoFile(iso.path, 'dir/bar'), undefined);
    } finally {
      await iso.cleanup();
    }
  }
});

test('osDefaults finds a release by distro and version, and is GENERIC for one it does not know', async () => {
  const want = await dbFile('ubuntu.com/ubuntu-22.04.xml');
  const ubuntu = await osDefaults('ubuntu', '22.04');
  assert.equal([ubuntu.osinfoId, ubuntu.memoryMiB], [want.id, want.memoryMiB]);
  assert.is((await osDefaults('windows', '10')).osinfoId, 'http://microsoft.com/win/10');
  assert.equal([(await osDefaults('fedora', '40')).version, (await osDefaults('fedora', '40')).osinfoId], ['40', 'http://fedoraproject.org/fedora/unknown']);
  assert.equal(await osDefaults('plan9', '4'), GENERIC);
});

test.after(() => console.log(`# osinfo timings: ${timings.join('; ')}`));
test.run();
