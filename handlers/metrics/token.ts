// A scraper's bearer token for GET /metrics: compared in constant time, good for that one route only.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from '../common/context.ts';
import { METRICS_PATH } from './routes.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether this is GET /metrics carrying `Authorization: Bearer <the configured token>`. */
export function isScraper(c: Context<AppEnv>): boolean {
  const token = c.get('deps').metrics?.token;
  if (!token || c.req.method !== 'GET' || c.req.path !== METRICS_PATH) return false;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
  // Hashing first makes the lengths equal, so the comparison leaks nothing about the token's length either.
  return !!m && timingSafeEqual(digest(m[1]), digest(token));
}
