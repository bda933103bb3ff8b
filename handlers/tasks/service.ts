// Task views: rows from the store shown as Kimchi tasks, in the caller's language where the message is ours.
import { getTask, listTasks, type Db, type Task as TaskRow, type TaskStatus } from '../../db/index.ts';
import { KimchiError } from '../common/errors.ts';
import { isMessageKey, translate, type Locale, type MessageParams } from '../i18n/index.ts';
import type { Task } from './schemas.ts';

export function taskView(row: TaskRow, locale: Locale): Task {
  const message = row.errorCode && isMessageKey(row.errorCode)
    ? translate(locale, row.errorCode, (row.errorParams ?? {}) as MessageParams) : row.message;
  return {
    id: String(row.id), status: row.status, message, target_uri: row.targetUri,
    created_at: row.createdAt.toISOString(), updated_at: row.updatedAt.toISOString(),
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
