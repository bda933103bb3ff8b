// Store functions for the host registry: the libvirtds this server manages besides its own. `local` has at most one
// row of settings (its migration URI and description; its uri is the --libvirt-uri), never listed as a registered host.
import { asc, eq, ne } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { hosts, LOCAL_HOST_NAME, type HostRow } from './schema.ts';
import type * as schema from './schema.ts';

type Db = BetterSQLite3Database<typeof schema>;

export interface HostFields { uri: string; migrationUri?: string | null; description?: string }

export function listHosts(db: Db): HostRow[] {
  return db.select().from(hosts).where(ne(hosts.name, LOCAL_HOST_NAME)).orderBy(asc(hosts.name)).all();
}

/** What the administrator set for `local` (PUT /api/hosts/local): migration URI and description. */
export function getLocalSettings(db: Db): { migrationUri: string | null; description: string } {
  const row = getHost(db, LOCAL_HOST_NAME);
  return { migrationUri: row?.migrationUri ?? null, description: row?.description ?? '' };
}

/** Change local's settings (undefined leaves a field, null clears the migration URI). */
export function setLocalSettings(db: Db, fields: { migrationUri?: string | null; description?: string }): void {
  const now = { ...getLocalSettings(db), ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
  db.insert(hosts).values({ name: LOCAL_HOST_NAME, uri: '', migrationUri: now.migrationUri, description: now.description, addedBy: null, addedAt: new Date() })
    .onConflictDoUpdate({ target: hosts.name, set: { migrationUri: now.migrationUri, description: now.description } }).run();
}

export function getHost(db: Db, name: string): HostRow | undefined {
  return db.select().from(hosts).where(eq(hosts.name, name)).get();
}

/** Add a host; undefined when the name is taken. */
export function insertHost(db: Db, name: string, fields: HostFields, addedBy: string | null): HostRow | undefined {
  return db.insert(hosts).values({
    name, uri: fields.uri, migrationUri: fields.migrationUri ?? null, description: fields.description ?? '', addedBy, addedAt: new Date(),
  }).onConflictDoNothing().returning().get();
}

/** Change a host's fields; undefined when there is no such host. */
export function updateHost(db: Db, name: string, fields: Partial<HostFields>): HostRow | undefined {
  const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  if (!Object.keys(set).length) return getHost(db, name);
  return db.update(hosts).set(set).where(eq(hosts.name, name)).returning().get();
}

export function deleteHost(db: Db, name: string): boolean {
  return db.delete(hosts).where(eq(hosts.name, name)).run().changes === 1;
}
