// Store functions for templates: the spec is stored whole as JSON, the name is the key.
import { asc, eq } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { templates } from './schema.ts';
import type * as schema from './schema.ts';

type Db = BetterSQLite3Database<typeof schema>;

export function listTemplates<T>(db: Db): Array<{ name: string; spec: T }> {
  return db.select().from(templates).orderBy(asc(templates.name)).all().map((r) => ({ name: r.name, spec: r.spec as T }));
}

export function getTemplate<T>(db: Db, name: string): T | undefined {
  return db.select().from(templates).where(eq(templates.name, name)).get()?.spec as T | undefined;
}

/** Insert; false when the name is taken (nothing changed). */
export function insertTemplate(db: Db, name: string, spec: object): boolean {
  const now = new Date();
  const r = db.insert(templates).values({ name, spec: spec as Record<string, unknown>, createdAt: now, updatedAt: now })
    .onConflictDoNothing().run();
  return r.changes === 1;
}

/** Replace the spec (and possibly the name); false when `name` does not exist. Throws on a rename onto a taken name. */
export function updateTemplate(db: Db, name: string, spec: object & { name: string }): boolean {
  const r = db.update(templates).set({ name: spec.name, spec: spec as Record<string, unknown>, updatedAt: new Date() })
    .where(eq(templates.name, name)).run();
  return r.changes === 1;
}

export function deleteTemplate(db: Db, name: string): boolean {
  return db.delete(templates).where(eq(templates.name, name)).run().changes === 1;
}
