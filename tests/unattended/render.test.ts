// Our rendering of osinfo-db's install scripts (xsltproc over the document libosinfo builds) against libosinfo's own
// osinfo-install-script for the same OS, profile and settings: the scripts must be the same bytes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFile as execFileCb } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadDatabase } from '../../handlers/templates/osinfo/database.ts';
import { loadInstallScripts, offerFor } from '../../handlers/templates/osinfo/install-scripts.ts';
import { keyboardFor } from '../../handlers/vms/unattended-keyboard.ts';
import { renderScripts } from '../../handlers/vms/unattended-render.ts';

const execFile = promisify(execFileCb);
const values = { user: 'alice', password: 'S3cret pw', admin_password: 'Adm1n pw', locale: 'pt-BR', timezone: 'America/Sao_Paulo', hostname: 'web1' };

/** osinfo-install-script's output, its settings from a 0600 config file (its documented way to keep passwords off argv). */
async function reference(shortId: string, profile: string, locale = { keyboard: 'br', language: 'pt_BR' }): Promise<Map<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'kimchi-unattended-ref-'));
  try {
    writeFileSync(join(dir, 'config'), ['[install-script]', 'l10n-timezone=America/Sao_Paulo', `l10n-keyboard=${locale.keyboard}`, `l10n-language=${locale.language}`,
      'admin-password=Adm1n pw', 'user-login=alice', 'user-password=S3cret pw', 'user-realname=alice', 'hostname=web1', 'target-disk=/dev/vda',
      'hardware-arch=x86_64', ''].join('\n'), { mode: 0o600 });
    const { stdout } = await execFile('osinfo-install-script', ['--profile', profile, '--config-file', join(dir, 'config'), '-d', dir, shortId], { encoding: 'utf8' });
    const names = stdout.split('\n').map((l) => l.trim()).filter(Boolean);
    return new Map(names.map((n) => [n, readFileSync(join(dir, n), 'utf8')]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const [id, shortId] of [['http://debian.org/debian/11', 'debian11'], ['http://fedoraproject.org/fedora/36', 'fedora36']] as const) {
  test(`${shortId}: the same script as osinfo-install-script renders`, async () => {
    const entry = (await loadDatabase()).byId.get(id)!;
    const scripts = await loadInstallScripts();
    const offer = entry.media.filter((r) => r.arch === 'x86_64').map((r) => offerFor(entry, r, scripts)).find((o) => o)!;
    const ours = await renderScripts({ offer, entry, values, vm: 'web1', diskBus: 'virtio', arch: 'x86_64' });
    const theirs = await reference(shortId, offer.profile);
    assert.equal([...ours.files.keys()], [...theirs.keys()]);
    for (const [name, text] of theirs) assert.fixture(ours.files.get(name)!.toString(), text);
  });
}

test('the keyboard layout comes from osinfo-db\'s locale map (datamap/x.org/x11-keyboard.xml), the region only where it has none', async () => {
  assert.equal(await Promise.all(['pt-BR', 'en-GB', 'ca-ES', 'de', 'de_CH', 'en-US', 'en', 'xx-YY'].map((l) => keyboardFor(l))),
    ['br', 'gb', 'es (cat)', 'de', 'ch', 'us', 'us', 'yy']);
});

test('Catalan: the same kickstart and preseed as libosinfo given the locale (its map gives "es (cat)"); the kernel argument keeps the layout only', async () => {
  const db = await loadDatabase();
  const scripts = await loadInstallScripts();
  const ca = { ...values, locale: 'ca-ES' };
  for (const [id, shortId] of [['http://debian.org/debian/11', 'debian11'], ['http://fedoraproject.org/fedora/36', 'fedora36']] as const) {
    const entry = db.byId.get(id)!;
    const offer = entry.media.filter((r) => r.arch === 'x86_64').map((r) => offerFor(entry, r, scripts)).find((o) => o)!;
    const ours = await renderScripts({ offer, entry, values: ca, vm: 'web1', diskBus: 'virtio', arch: 'x86_64' });
    const theirs = await reference(shortId, offer.profile, { keyboard: 'ca_ES', language: 'ca_ES' });
    for (const [name, text] of theirs) assert.fixture(ours.files.get(name)!.toString(), text);
    if (shortId === 'fedora36') assert.match(ours.files.get('fedora.ks')!.toString(), /^keyboard 'es \(cat\)'$/m);
    else {
      assert.match(ours.files.get('preseed.cfg')!.toString(), /^d-i console-setup\/layoutcode string es \(cat\)$/m);
      assert.is(ours.cmdline, 'keyboard-configuration/xkb-keymap=es debconf/priority=critical');
    }
  }
});

test.run();
