// Typed calls of the config resource: the sanity-check state behind global error mode.
import type { ServerConfig } from '../../handlers/config/schemas.ts';
import { request } from './client.ts';

export type { ServerConfig } from '../../handlers/config/schemas.ts';

/** GET /api/config: "ok", or "error" with the failed requirement as a translated error. */
export function getConfig(): Promise<ServerConfig> {
  return request<ServerConfig>('GET', '/config');
}

/** POST /api/config/recheck: run the sanity check again and answer with the new state. */
export function recheck(): Promise<ServerConfig> {
  return request<ServerConfig>('POST', '/config/recheck');
}
