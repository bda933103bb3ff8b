// Store functions for ISO scanning: the per-file cache (path + size + mtime), scans with their stop flag, results.
import { and, eq, inArray } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { isoImages, isoScanResults, isoScans, type IsoImageRow, type IsoScanRow } from './schema.ts';
import type * as schema from './schema.ts';

type Db = BetterSQLite3Database<typeof schema>;

/** The cached facts of `path`, only when its size and mtime still match. */
export function cachedIso(db: Db, path: string, size: number, mtimeMs: number): IsoImageRow | undefined {
  return db.select().from(isoImages)
    .where(and(eq(isoImages.path, path), eq(isoImages.size, size), eq(isoImages.mtimeMs, Math.trunc(mtimeMs)))).get();
}

export function saveIso(db: Db, row: Omit<IsoImageRow, 'checkedAt'>): void {
  const values = { ...row, mtimeMs: Math.trunc(row.mtimeMs), checkedAt: new Date() };
  db.insert(isoImages).values(values).onConflictDoUpdate({ target: isoImages.path, set: values }).run();
}

export function createScan(db: Db, kind: 'shallow' | 'deep', paths: string[]): IsoScanRow {
  return db.insert(isoScans).values({ kind, paths, createdAt: new Date() }).returning().get();
}

export function setScanTask(db: Db, id: number, taskId: number): void {
  db.update(isoScans).set({ taskId }).where(eq(isoScans.id, id)).run();
}

export function getScan(db: Db, id: number): IsoScanRow | undefined {
  return db.select().from(isoScans).where(eq(isoScans.id, id)).get();
}

export function requestScanStop(db: Db, id: number): boolean {
  return db.update(isoScans).set({ stopRequested: true }).where(eq(isoScans.id, id)).run().changes > 0;
}

export function scanStopRequested(db: Db, id: number): boolean {
  return db.select({ s: isoScans.stopRequested }).from(isoScans).where(eq(isoScans.id, id)).get()?.s ?? true;
}

export function setScanFiles(db: Db, id: number, files: number): void {
  db.update(isoScans).set({ files }).where(eq(isoScans.id, id)).run();
}

export function addScanResult(db: Db, scanId: number, path: string): void {
  db.insert(isoScanResults).values({ scanId, path }).run();
}

/** The ISOs a scan found, with their cached facts, in the order found. */
export function scanResults(db: Db, scanId: number): IsoImageRow[] {
  const paths = db.select({ path: isoScanResults.path }).from(isoScanResults).where(eq(isoScanResults.scanId, scanId)).all().map((r) => r.path);
  if (!paths.length) return [];
  const rows = new Map<string, IsoImageRow>();
  for (let i = 0; i < paths.length; i += 500) {
    for (const r of db.select().from(isoImages).where(inArray(isoImages.path, paths.slice(i, i + 500))).all()) rows.set(r.path, r);
  }
  return paths.map((p) => rows.get(p)).filter((r): r is IsoImageRow => r !== undefined);
}
