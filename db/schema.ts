// Drizzle schema of Kimchi-TS's own state: what libvirt does not keep (tasks now; templates, metadata later).
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';

export const TASK_STATUSES = ['running', 'finished', 'failed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Long operations (create from template, clone, upload…): progress and outcome, kept across restarts. */
export const tasks = sqliteTable('tasks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  status: text('status', { enum: TASK_STATUSES }).notNull().default('running'),
  message: text('message').notNull().default(''),
  /** The resource the task works on, e.g. /plugins/kimchi/vms/vm1 — Kimchi's target_uri. */
  targetUri: text('target_uri').notNull(),
  /** Message code of a failure, for translation; null while running or when finished. */
  errorCode: text('error_code'),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
}, (t) => [index('tasks_status_idx').on(t.status)]);

export type Task = typeof tasks.$inferSelect;
export type NewTask = typeof tasks.$inferInsert;
