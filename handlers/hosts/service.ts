// The host registry: rows in SQLite joined with each host's live state; add, change, remove (never `local`) and test a URI.
import { deleteHost, getHost, getLocalSettings, insertHost, listHosts, runningTasksOn, updateHost, type HostRow } from '../../db/index.ts';
import { connect, parseUri } from '../../libvirt/index.ts';
import type { Deps } from '../common/context.ts';
import { KimchiError } from '../common/errors.ts';
import { LOCAL_HOST, type HostConnection } from '../common/hosts.ts';
import { translate, type Locale } from '../i18n/index.ts';
import type { Host, HostInput, HostUpdate } from './schemas.ts';
import { changeLocal, localMigrationUri } from './local.ts';
import { libvirtUri } from '../storage/bulk.ts';

const TEST_TIMEOUT_MS = 5000;

/** The state part of a Host: its client's state, or `connecting` for a row the runtime has not opened yet. */
function stateOf(conn: HostConnection | undefined, locale: Locale): Pick<Host, 'state' | 'reason' | 'next_retry' | 'problem'> {
  if (!conn) return { state: 'connecting' };
  const s = conn.state();
  const problem = s.status === 'connected' ? conn.sanity.current() : null;
  return {
    state: s.status,
    ...(s.status === 'failing' ? { reason: s.reason } : {}),
    ...(s.status !== 'connected' && s.next_retry ? { next_retry: s.next_retry } : {}),
    ...(problem ? { problem: translate(locale, problem.code, problem.params) } : {}),
  };
}

export function hostView(deps: Deps, row: HostRow, locale: Locale): Host {
  return {
    name: row.name, uri: row.uri, migration_uri: row.migrationUri ?? row.uri, description: row.description,
    added_by: row.addedBy, added_at: row.addedAt.toISOString(), local: false,
    ...stateOf(deps.hosts?.get(row.name), locale),
  };
}

function localView(deps: Deps, locale: Locale): Host {
  const conn = deps.hosts?.get(LOCAL_HOST);
  const uri = conn?.uri ?? libvirtUri(deps) ?? '';
  const migration = conn ? conn.migrationUri : localMigrationUri(deps.db, uri);
  const base = {
    name: LOCAL_HOST, uri, migration_uri: migration || null, description: getLocalSettings(deps.db).description,
    added_by: null, added_at: null, local: true,
  };
  if (conn) return { ...base, ...stateOf(conn, locale) };
  // Without a directory (a host embedding createApp) the local host is the deps' own connection.
  let connected = true;
  try { void deps.libvirt.connection; } catch { connected = false; }
  return { ...base, state: connected ? 'connected' : 'connecting' };
}

export function listHostViews(deps: Deps, locale: Locale): Host[] {
  return [localView(deps, locale), ...listHosts(deps.db).map((r) => hostView(deps, r, locale))];
}

export function getHostView(deps: Deps, name: string, locale: Locale): Host {
  if (name === LOCAL_HOST) return localView(deps, locale);
  const row = getHost(deps.db, name);
  if (!row) throw new KimchiError(404, 'KCHHOST0001E', { name });
  return hostView(deps, row, locale);
}

/** 400 unless the URI parses and names a transport we have; `command=` (a local program to run) is refused. */
export function checkUri(uri: string): void {
  let detail: string | undefined;
  try {
    if ('command' in parseUri(uri).params) detail = translate('en-US', 'KCHHOST0010E');
  } catch (e) {
    detail = (e as Error).message;
  }
  if (detail) throw new KimchiError(400, 'KCHHOST0005E', { uri, detail });
}

export async function addHost(deps: Deps, input: HostInput, addedBy: string | null, locale: Locale): Promise<Host> {
  if (input.name === LOCAL_HOST) throw new KimchiError(409, 'KCHHOST0002E', { name: input.name });
  checkUri(input.uri);
  if (input.migration_uri !== undefined) checkUri(input.migration_uri);
  const row = insertHost(deps.db, input.name, { uri: input.uri, migrationUri: input.migration_uri, description: input.description }, addedBy);
  if (!row) throw new KimchiError(409, 'KCHHOST0002E', { name: input.name });
  await deps.hosts?.sync?.(row.name);
  return hostView(deps, row, locale);
}

export async function changeHost(deps: Deps, name: string, input: HostUpdate, locale: Locale): Promise<Host> {
  if (name === LOCAL_HOST) {
    changeLocal(deps, input, checkUri);
    await deps.hosts?.sync?.(name);
    return localView(deps, locale);
  }
  if (input.uri !== undefined) checkUri(input.uri);
  if (input.migration_uri) checkUri(input.migration_uri);
  const row = updateHost(deps.db, name, { uri: input.uri, migrationUri: input.migration_uri, description: input.description });
  if (!row) throw new KimchiError(404, 'KCHHOST0001E', { name });
  await deps.hosts?.sync?.(name);
  return hostView(deps, row, locale);
}

export async function removeHost(deps: Deps, name: string): Promise<void> {
  if (name === LOCAL_HOST) throw new KimchiError(409, 'KCHHOST0003E');
  if (!getHost(deps.db, name)) throw new KimchiError(404, 'KCHHOST0001E', { name });
  const count = runningTasksOn(deps.db, name);
  if (count) throw new KimchiError(409, 'KCHHOST0004E', { name, count });
  deleteHost(deps.db, name);
  await deps.hosts?.sync?.(name);
}

const version = (v: number | bigint) => { const n = Number(v); return `${Math.floor(n / 1e6)}.${Math.floor(n / 1e3) % 1000}.${n % 1000}`; };

/** Connect once to `uri` (the dialog's Test connection button): libvirt's hostname and version, or its reason. */
export async function testUri(uri: string): Promise<{ ok: true; hostname: string; libvirt_version: string } | { ok: false; reason: string }> {
  checkUri(uri);
  let conn;
  try {
    conn = await connect(uri, { timeoutMs: TEST_TIMEOUT_MS, keepalive: false });
    const [hostname, lib] = await Promise.all([conn.connectGetHostname(), conn.connectGetLibVersion()]);
    return { ok: true, hostname: String(hostname), libvirt_version: version(lib as number | bigint) };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  } finally {
    await conn?.close().catch(() => undefined);
  }
}
