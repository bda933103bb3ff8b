// Log files: rotated by size with a bounded count (pino-roll), reopened by name after an outside tool moved them,
// and none at all under systemd's journal.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { openLog } from '../../runtime/logging.ts';

const dir = mkdtempSync(join(tmpdir(), 'kimchi-test-appliance-logs-'));
const quiet = () => { const s = new PassThrough(); s.resume(); return s; };
const settle = () => new Promise((r) => setTimeout(r, 50));

test('files rotate at the size limit and only the newest ones are kept: the log never grows without bound', async () => {
  const logDir = join(dir, 'rotate');
  const logs = await openLog({ dir: logDir, maxBytes: 4096, maxFiles: 2, stdout: quiet() }, {});
  const line = 'x'.repeat(200);
  for (let i = 0; i < 400; i++) {
    logs.log.info({ i, line }, 'filler');
    if (i % 5 === 0) await settle(); // let a rotation finish, as real traffic does between lines
  }
  await settle();
  const files = readdirSync(logDir).filter((n) => /^kimchi\.\d+\.log$/.test(n));
  assert.ok(files.length >= 2, `rotated at least once: ${files}`);
  assert.ok(files.length <= 3, `the current file and 2 rotated ones at most: ${files}`);
  const total = files.reduce((n, f) => n + statSync(join(logDir, f)).size, 0);
  assert.ok(total < 400 * 250, `older lines are gone (${total} bytes kept)`);
  for (const f of files) assert.ok(statSync(join(logDir, f)).size < 4096 + 2048, `${f} stays near the limit`);
  const last = readFileSync(logs.file()!, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).at(-1);
  assert.is(last.i, 399, 'the newest line is in the current file');
  await logs.close();
});

test('files left by earlier runs count too: after the next rotation only the newest ones remain', async () => {
  const logDir = join(dir, 'earlier');
  mkdirSync(logDir, { recursive: true });
  for (let n = 1; n <= 6; n++) writeFileSync(join(logDir, `kimchi.${n}.log`), `{"msg":"run ${n}"}\n`);
  writeFileSync(join(logDir, 'notes.txt'), 'not ours');
  const logs = await openLog({ dir: logDir, maxBytes: 4096, maxFiles: 2, stdout: quiet() }, {});
  assert.match(logs.file()!, /kimchi\.6\.log$/, 'numbering continues in the newest file');
  for (let i = 0; i < 60; i++) {
    logs.log.info({ i, line: 'y'.repeat(200) }, 'filler');
    if (i % 5 === 0) await settle();
  }
  await settle();
  const files = readdirSync(logDir).filter((n) => /^kimchi\.\d+\.log$/.test(n));
  assert.ok(files.length <= 3, `the current file and 2 rotated ones at most: ${files}`);
  assert.not.ok(files.includes('kimchi.1.log'), 'the oldest run\'s file is gone');
  assert.ok(readdirSync(logDir).includes('notes.txt'), 'other files are left alone');
  await logs.close();
});

test('reopen (SIGHUP) after the file was moved away makes a new file by the same name; the moved one keeps the old lines', async () => {
  const logDir = join(dir, 'reopen');
  const logs = await openLog({ dir: logDir, maxBytes: 1 << 20, maxFiles: 2, stdout: quiet() }, {});
  logs.log.info('before');
  const current = logs.file()!;
  renameSync(current, join(logDir, 'moved.old'));
  logs.reopen();
  logs.log.info('after');
  await settle();
  assert.ok(existsSync(current), 'a new file where the old one was');
  assert.equal(readFileSync(current, 'utf8').trim().split('\n').map((l) => JSON.parse(l).msg), ['after']);
  assert.match(readFileSync(join(logDir, 'moved.old'), 'utf8'), /"before"/);
  await logs.close();
});

test('under systemd (JOURNAL_STREAM set) the log goes to stdout only: no directory, no file', async () => {
  const logDir = join(dir, 'journal');
  const out = new PassThrough();
  let text = '';
  out.on('data', (d) => { text += d; });
  const logs = await openLog({ dir: logDir, maxBytes: 4096, maxFiles: 2, stdout: out }, { JOURNAL_STREAM: '8:12345' });
  logs.log.info('to the journal');
  await settle();
  assert.is(logs.file(), undefined);
  assert.not.ok(existsSync(logDir));
  assert.match(text, /"to the journal"/);
  await logs.close();
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
