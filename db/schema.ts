// Drizzle schema of Kimchi-TS's own state: what libvirt does not keep (tasks now; templates, metadata later).
import { sqliteTable, integer, text, index, primaryKey } from 'drizzle-orm/sqlite-core';

/** The built-in host: the machine the server runs on (its --libvirt-uri). Rows from before issue 14 belong to it. */
export const LOCAL_HOST_NAME = 'local';

export const TASK_STATUSES = ['running', 'finished', 'failed', 'cancelled'] as const;
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
  /** Parameters of that message. */
  errorParams: text('error_params', { mode: 'json' }).$type<Record<string, unknown>>(),
  /** The host whose libvirtd the task works on (a host with running tasks cannot be removed). */
  host: text('host').notNull().default(LOCAL_HOST_NAME),
  /** Figures of a long job's progress (a migration's bytes and rates), for a progress bar; null when it has none. */
  progress: text('progress', { mode: 'json' }).$type<Record<string, number>>(),
  /** Whether POST /tasks/{id}/cancel may stop it now (the work registered a way to abort). */
  cancellable: integer('cancellable', { mode: 'boolean' }).notNull().default(false),
  /** Set by a cancel request on any handler instance; the running work polls it and aborts. */
  cancelRequested: integer('cancel_requested', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
}, (t) => [index('tasks_status_idx').on(t.status)]);

export type Task = typeof tasks.$inferSelect;
export type NewTask = typeof tasks.$inferInsert;

/** Templates: the whole spec as JSON (Kimchi's fields), keyed by name. */
export const templates = sqliteTable('templates', {
  name: text('name').primaryKey(),
  spec: text('spec', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});
export type TemplateRow = typeof templates.$inferSelect;

/** What we know of a VM beyond libvirt, keyed by host and UUID. Absent for VMs made elsewhere — that is normal. */
export const vmMeta = sqliteTable('vm_meta', {
  host: text('host').notNull().default(LOCAL_HOST_NAME),
  uuid: text('uuid').notNull(),
  template: text('template'),
  icon: text('icon'),
  users: text('users', { mode: 'json' }).notNull().$type<string[]>().default([]),
  groups: text('groups', { mode: 'json' }).notNull().$type<string[]>().default([]),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
}, (t) => [primaryKey({ columns: [t.host, t.uuid] })]);
export type VmMetaRow = typeof vmMeta.$inferSelect;

/**
 * Registered hosts (issue 14): how this server reaches each libvirtd (`uri`) and how its peers reach it for
 * migration (`migrationUri`, null = uri). The built-in host `local` is not stored: it is the --libvirt-uri.
 */
export const hosts = sqliteTable('hosts', {
  name: text('name').primaryKey(),
  uri: text('uri').notNull(),
  migrationUri: text('migration_uri'),
  description: text('description').notNull().default(''),
  addedBy: text('added_by'),
  addedAt: integer('added_at', { mode: 'timestamp_ms' }).notNull(),
});
export type HostRow = typeof hosts.$inferSelect;

/** A VM busy with a long operation (template from VM, clone): shared by every handler instance. */
export const vmLocks = sqliteTable('vm_locks', {
  uuid: text('uuid').primaryKey(),
  operation: text('operation').notNull(),
  taskId: integer('task_id'),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/** What an ISO file is, cached by path + size + mtime so rescanning an unchanged file reads nothing. */
export const isoImages = sqliteTable('iso_images', {
  path: text('path').primaryKey(),
  size: integer('size').notNull(),
  mtimeMs: integer('mtime_ms').notNull(),
  volumeId: text('volume_id').notNull().default(''),
  osDistro: text('os_distro').notNull().default('unknown'),
  osVersion: text('os_version').notNull().default('unknown'),
  bootable: integer('bootable', { mode: 'boolean' }).notNull().default(false),
  checkedAt: integer('checked_at', { mode: 'timestamp_ms' }).notNull(),
});
export type IsoImageRow = typeof isoImages.$inferSelect;

/** ISO scans (shallow or deep), each run as a Task; `stopRequested` is how any handler instance stops one. */
export const isoScans = sqliteTable('iso_scans', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind', { enum: ['shallow', 'deep'] }).notNull(),
  paths: text('paths', { mode: 'json' }).notNull().$type<string[]>(),
  taskId: integer('task_id'),
  stopRequested: integer('stop_requested', { mode: 'boolean' }).notNull().default(false),
  files: integer('files').notNull().default(0),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});
export type IsoScanRow = typeof isoScans.$inferSelect;

/** The ISO files one scan found (details in iso_images). */
export const isoScanResults = sqliteTable('iso_scan_results', {
  scanId: integer('scan_id').notNull().references(() => isoScans.id, { onDelete: 'cascade' }),
  path: text('path').notNull(),
}, (t) => [index('iso_scan_results_scan_idx').on(t.scanId)]);

/**
 * One-time console tokens (POST /vms/:name/connect): only the SHA-256 of the token is kept; a row is deleted when
 * the token is used or found expired, so a token opens at most one console.
 */
export const CONSOLE_KINDS = ['any', 'vnc', 'serial'] as const;
export type ConsoleKind = (typeof CONSOLE_KINDS)[number];
export const consoleTokens = sqliteTable('console_tokens', {
  hash: text('hash').primaryKey(),
  vmUuid: text('vm_uuid').notNull(),
  /** Which console the token opens; `any` = whichever is asked first. */
  kind: text('kind', { enum: CONSOLE_KINDS }).notNull(),
  /** The user who asked for it, once authentication exists; null until then. */
  user: text('user'),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  /** The login session (its token hash) that asked, so its consoles close when it ends; null for HTTP Basic. */
  session: text('session'),
  /** The host the VM lives on: the console is opened through that host's connection. */
  host: text('host').notNull().default(LOCAL_HOST_NAME),
}, (t) => [index('console_tokens_expires_idx').on(t.expiresAt)]);
export type ConsoleTokenRow = typeof consoleTokens.$inferSelect;

/**
 * How to undo each step a long operation (VM create or clone, template from a VM) has done so far, written as the
 * step succeeds and removed when the operation ends either way. Rows of a task that is no longer running belong to
 * a server that stopped mid-way: they are replayed at the next start (and on each reconnect to libvirtd).
 * `host_volume` is a volume made on another registered host (a migration's copy target): its args name the host.
 */
export const UNDO_KINDS = ['volume', 'domain', 'vm_meta', 'template', 'redefine', 'host_volume'] as const;
export type UndoKind = (typeof UNDO_KINDS)[number];
export const pendingUndo = sqliteTable('pending_undo', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  taskId: integer('task_id').notNull().references(() => tasks.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: UNDO_KINDS }).notNull(),
  args: text('args', { mode: 'json' }).notNull().$type<Record<string, string>>(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
}, (t) => [index('pending_undo_task_idx').on(t.taskId)]);
export type PendingUndoRow = typeof pendingUndo.$inferSelect;
export * from './auth-schema.ts';
