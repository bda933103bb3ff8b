// Store functions for the host registry: the libvirtds this server manages besides its own (`local` is not stored).
import { asc, eq } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { hosts, type HostRow } from './schema.ts';
import type * as schema from './schema.ts';

type Db = BetterSQLite3Database<typeof schema>;

export interface HostFields { uri: string; migrationUri?: string | null; description?: string }

export function listHosts(db: Db): HostRow[] {
  return db.select().from(hosts).orderBy(asc(hosts.name)).all();
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
