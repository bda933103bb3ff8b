// Task views (rows from the store in the caller's language where the message is ours) and cancel requests.
import { getTask, listTasks, requestTaskCancel, type Db, type Task as TaskRow, type TaskStatus } from '../../db/index.ts';
import { KimchiError } from '../common/errors.ts';
import { isMessageKey, translate, type Locale, type MessageParams } from '../i18n/index.ts';
import type { Task, TaskProgress } from './schemas.ts';

export function taskView(row: TaskRow, locale: Locale): Task {
  const message = row.errorCode && isMessageKey(row.errorCode)
    ? translate(locale, row.errorCode, (row.errorParams ?? {}) as MessageParams) : row.message;
  return {
    id: String(row.id), status: row.status, message, target_uri: row.targetUri, host: row.host,
    created_at: row.createdAt.toISOString(), updated_at: row.updatedAt.toISOString(),
    ...(row.progress ? { progress: row.progress as TaskProgress } : {}),
    cancellable: row.status === 'running' && row.cancellable,
  };
}

export function findTasks(db: Db, locale: Locale, filter: { status?: TaskStatus; target_uri?: string; limit?: number }): Task[] {
  return listTasks(db, { status: filter.status, targetUri: filter.target_uri, limit: filter.limit }).map((r) => taskView(r, locale));
}

export function findTask(db: Db, locale: Locale, id: string): Task {
  const row = getTask(db, Number(id));
  if (!row) throw new KimchiError(404, 'KCHTASK0001E', { id });
  return taskView(row, locale);
}

/**
 * Ask a running task to stop. The request is recorded in SQLite; the task (on whichever handler instance runs it)
 * sees it within a fraction of a second and aborts. 409 KCHTASK0002E when it has ended, KCHTASK0003E when its work
 * cannot be stopped (it registered no way to, or is past the point of no return).
 */
export function cancelTask(db: Db, locale: Locale, id: string): Task {
  const row = getTask(db, Number(id));
  if (!row) throw new KimchiError(404, 'KCHTASK0001E', { id });
  if (row.status !== 'running') throw new KimchiError(409, 'KCHTASK0002E', { id, status: row.status });
  const asked = requestTaskCancel(db, row.id);
  if (!asked) throw new KimchiError(409, 'KCHTASK0003E', { id });
  return taskView(asked, locale);
}
