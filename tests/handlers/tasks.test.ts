// The Task resource: list newest first, filter, read one, 404 for a missing one, interrupted tasks translated.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTask, endTask, failRunningTasks, INTERRUPTED } from '../../db/index.ts';
import { json, makeApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
test.before(async () => { t = await makeApp(); });
test.after(async () => { await t.cleanup(); });

test('tasks are listed newest first and can be filtered by status and target', async () => {
  const a = createTask(t.store.db, '/plugins/kimchi/vms/a', 'copying disk');
  const b = createTask(t.store.db, '/plugins/kimchi/vms/b', 'starting', 'b');
  endTask(t.store.db, a.id, 'finished', 'OK');
  const all = await json(t.app.request('/api/tasks'));
  assert.equal(all.status, 200);
  assert.equal(all.body.map((x: { id: string }) => x.id), [String(b.id), String(a.id)]);
  const running = await json(t.app.request('/api/tasks?status=running'));
  assert.equal(running.body, [{
    id: String(b.id), status: 'running', message: 'starting', target_uri: '/plugins/kimchi/vms/b', host: 'b',
    created_at: b.createdAt.toISOString(), updated_at: b.updatedAt.toISOString(), cancellable: false,
  }]);
  const target = await json(t.app.request('/api/tasks?target_uri=/plugins/kimchi/vms/a'));
  assert.equal(target.body.map((x: { status: string; host: string }) => [x.status, x.host]), [['finished', 'local']], 'each task names its host');
  const newest = await json(t.app.request('/api/tasks?limit=1'));
  assert.equal(newest.body.map((x: { id: string }) => x.id), [String(b.id)]);
  assert.equal((await json(t.app.request('/api/tasks?limit=0'))).status, 400);
});

test('cancel: 404 for no such task, 409 KCHTASK0003E while its work cannot stop, 409 KCHTASK0002E once it ended', async () => {
  const r = createTask(t.store.db, '/plugins/kimchi/vms/c', 'copying');
  const post = (id: number | string) => json(t.app.request(`/api/tasks/${id}/cancel`, { method: 'POST' }));
  assert.equal((await post(987654)).body.code, 'KCHTASK0001E');
  const busy = await post(r.id);
  assert.equal([busy.status, busy.body.code], [409, 'KCHTASK0003E']);
  endTask(t.store.db, r.id, 'failed', 'no');
  const ended = await post(r.id);
  assert.equal([ended.status, ended.body.code], [409, 'KCHTASK0002E']);
  assert.match(ended.body.reason, 'failed');
});

test('one task by id, and a clear 404 for an id that does not exist', async () => {
  const c = createTask(t.store.db, '/plugins/kimchi/templates/t1', 'cloning');
  const one = await json(t.app.request(`/api/tasks/${c.id}`));
  assert.equal(one.body.message, 'cloning');
  const missing = await json(t.app.request('/api/tasks/999999', { headers: { 'Accept-Language': 'pt-BR' } }));
  assert.equal(missing.status, 404);
  assert.equal(missing.body, { code: 'KCHTASK0001E', reason: 'A tarefa 999999 não existe.' });
});

test('a task interrupted by a stop reads as failed, its message in the caller language', async () => {
  const d = createTask(t.store.db, '/plugins/kimchi/vms/d', 'halfway');
  failRunningTasks(t.store.db, INTERRUPTED.message, INTERRUPTED.code);
  const en = await json(t.app.request(`/api/tasks/${d.id}`));
  assert.equal([en.body.status, en.body.message], ['failed', 'The server stopped while this task was running.']);
  const pt = await json(t.app.request(`/api/tasks/${d.id}`, { headers: { 'Accept-Language': 'pt-BR' } }));
  assert.equal(pt.body.message, 'O servidor parou enquanto esta tarefa estava em execução.');
});

test.run();
