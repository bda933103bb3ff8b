// The options infra/install.sh and infra/uninstall.sh share (infra/lib/options.sh): help, refusals before anything is
// touched, relative and environment-given roots — uninstall run for real on a fake install tree in a temp directory.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');
const run = (script: 'install' | 'uninstall', args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) => {
  const r = spawnSync('bash', [join(repo, 'infra', `${script}.sh`), ...args], {
    cwd: opts.cwd ?? repo, encoding: 'utf8', env: { ...process.env, KIMCHI_INSTALL_ROOT: '', KIMCHI_INSTALL_PREFIX: '', ...opts.env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

let dir = '';
test.before.each(() => { dir = mkdtempSync(join(tmpdir(), 'kimchi-test-options-')); });
test.after.each(() => { rmSync(dir, { recursive: true, force: true }); });

/** What install.sh leaves under a root, as far as uninstall.sh looks at it. */
function fakeInstall(root: string): void {
  for (const d of ['opt/kimchi-ts/dist/server', 'etc/kimchi-ts', 'var/lib/kimchi-ts', 'var/log/kimchi-ts', 'etc/systemd/system', 'usr/local/bin']) {
    mkdirSync(join(root, d), { recursive: true });
  }
  writeFileSync(join(root, 'opt/kimchi-ts/dist/server/main.mjs'), '');
  writeFileSync(join(root, 'opt/kimchi-ts/package.json'), '{}');
  writeFileSync(join(root, 'etc/kimchi-ts/kimchi-ts.conf'), '');
  writeFileSync(join(root, 'etc/systemd/system/kimchi-ts.service'), '');
  symlinkSync(join(root, 'opt/kimchi-ts/bin/kimchi-ts'), join(root, 'usr/local/bin/kimchi-ts'));
}

test('--help prints each script\'s own header without the comment marks', () => {
  const i = run('install', ['--help']);
  assert.is(i.code, 0, i.err);
  assert.match(i.out, /^Installs the built Kimchi-TS as a service .*--no-start\]/);
  assert.match(i.out, /\nimages being assembled\)\. Re-running upgrades the program in place/);
  assert.not.match(i.out, /^#/m);
  const u = run('uninstall', ['-h']);
  assert.is(u.code, 0, u.err);
  assert.is(u.out, 'Removes what infra/install.sh installed (as root): bash infra/uninstall.sh [--root DIR] [--prefix DIR] [--purge]\n'
    + 'Keeps the config, certificate, state (database, debug reports) and log files unless --purge is given.\n');
});

test('unknown arguments, each other\'s flag, a missing value and unsafe paths are refused before anything is touched', () => {
  const bogus = run('install', ['--root', dir, '--bogus']);
  assert.equal([bogus.code, bogus.err.split('\n')[0]], [2, 'install: unknown argument --bogus']);
  assert.match(bogus.err, /--no-start/, 'the usage follows');
  const purge = run('install', ['--root', dir, '--purge']);
  assert.equal([purge.code, purge.err.split('\n')[0]], [2, 'install: unknown argument --purge']);
  const noStart = run('uninstall', ['--root', dir, '--no-start']);
  assert.equal([noStart.code, noStart.err.split('\n')[0]], [2, 'uninstall: unknown argument --no-start']);
  assert.match(noStart.err, /--purge/, 'the usage follows');
  const noValue = run('uninstall', ['--root']);
  assert.is(noValue.code, 1);
  assert.match(noValue.err, /--root needs a directory/);
  for (const script of ['install', 'uninstall'] as const) {
    const pipe = run(script, ['--root', join(dir, 'a|b')]);
    assert.equal([pipe.code, pipe.err.trim()], [2, `${script}: paths may not hold newlines, |, \\ or &: ${join(dir, 'a|b')}`]);
    const amp = run(script, ['--root', dir, '--prefix', join(dir, 'x&y')]);
    assert.is(amp.code, 2, amp.err);
  }
  assert.not.ok(existsSync(join(dir, 'opt')) || existsSync(join(dir, 'etc')), 'nothing was made under the root');
});

test('uninstall with a relative --root keeps config and state; --purge removes them', () => {
  fakeInstall(join(dir, 'img'));
  const keep = run('uninstall', ['--root', 'img/'], { cwd: dir });
  assert.is(keep.code, 0, keep.err);
  assert.match(keep.out, new RegExp(`removed ${join(dir, 'img')}/opt/kimchi-ts and the unit; kept`));
  assert.not.ok(existsSync(join(dir, 'img/opt/kimchi-ts')) || existsSync(join(dir, 'img/etc/systemd/system/kimchi-ts.service')));
  assert.not.ok(existsSync(join(dir, 'img/usr/local/bin/kimchi-ts')), 'the command link went');
  assert.ok(existsSync(join(dir, 'img/etc/kimchi-ts/kimchi-ts.conf')) && existsSync(join(dir, 'img/var/lib/kimchi-ts')));
  const purge = run('uninstall', ['--purge'], { cwd: dir, env: { KIMCHI_INSTALL_ROOT: join(dir, 'img') } });
  assert.is(purge.code, 0, purge.err);
  for (const d of ['etc/kimchi-ts', 'var/lib/kimchi-ts', 'var/log/kimchi-ts']) assert.not.ok(existsSync(join(dir, 'img', d)), d);
});

test('uninstall refuses a --prefix (or KIMCHI_INSTALL_PREFIX) that does not look like an install, and removes nothing', () => {
  fakeInstall(join(dir, 'img'));
  mkdirSync(join(dir, 'precious'));
  writeFileSync(join(dir, 'precious/data'), 'keep me');
  for (const r of [
    run('uninstall', ['--root', join(dir, 'img'), '--prefix', 'precious'], { cwd: dir }),
    run('uninstall', ['--root', join(dir, 'img')], { env: { KIMCHI_INSTALL_PREFIX: join(dir, 'precious') } }),
  ]) {
    assert.equal([r.code, r.err.trim()], [1, `uninstall: ${join(dir, 'precious')} does not look like a Kimchi-TS install`]);
  }
  assert.ok(existsSync(join(dir, 'precious/data')) && existsSync(join(dir, 'img/etc/systemd/system/kimchi-ts.service')));
});

test.run();
