// The UI's one fetch: JSON requests to the API (under the UI's base) in the UI's locale, failures as typed errors, a lost login reported once.
import { locale } from '../common/i18n/index.ts';
import { apiUrl } from './base.ts';
import type { ErrorBody } from '../../handlers/config/schemas.ts';

/** The server answered with an error: its stable code and its already-translated reason. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string,
    /** 429: the seconds the server's Retry-After asks to wait. */
    readonly retryAfter?: number,
  ) {
    super(`${code}: ${reason}`);
  }
}

/** No answer at all: the server is down, restarting, or the network is gone. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(cause: unknown) {
    super('The server could not be reached', { cause });
  }
}

/** The server answered, but not with JSON we understand (a proxy page, a truncated body). */
export class ResponseError extends Error {
  override readonly name = 'ResponseError';
  constructor(readonly status: number) {
    super(`Unexpected response (HTTP ${status})`);
  }
}

export type RequestFailure = ApiError | NetworkError | ResponseError;

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body.code === 'string' && typeof body.reason === 'string';
}

/** Requests whose 401 is their own answer (a wrong password, "nobody is logged in"), not a lost session. */
const OWN_401 = new Set(['/login', '/session']);
let unauthorized: ((error: ApiError) => void) | undefined;

/** Who hears of a 401 from any other request: the session store, which then shows the login page. */
export function onUnauthorized(listener: ((error: ApiError) => void) | undefined): void {
  unauthorized = listener;
}

/** Our header on every request: the server then answers 401 without a Basic challenge (no browser dialog), and it is CSRF-safe. */
export const UI_HEADERS = { 'X-Requested-With': 'kimchi-ui' } as const;

/**
 * Send `method path` (path relative to /api) with an optional JSON body and read the JSON reply.
 * Every request carries Accept-Language so server messages match the UI's language, and X-Requested-With.
 */
export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown,
  /**
   * `cache: 'no-cache'` revalidates a kept copy by its ETag (the server then answers 304); default no-store.
   * `onHeaders` sees a successful answer's headers (the All-hosts list's unreachable hosts travel in one).
   */
  opts: { cache?: RequestCache; onHeaders?: (headers: Headers) => void } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': locale, ...UI_HEADERS };
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: opts.cache ?? 'no-store',
    });
  } catch (cause) {
    throw new NetworkError(cause);
  }

  // 204 No Content (DELETE): nothing to parse.
  if (response.status === 204) return undefined as T;

  let data: unknown;
  try {
    data = await response.json();
  } catch {
    throw new ResponseError(response.status);
  }

  if (!response.ok) {
    if (isErrorBody(data)) {
      const wait = Number(response.headers.get('Retry-After'));
      const error = new ApiError(response.status, data.code, data.reason, Number.isFinite(wait) && wait > 0 ? wait : undefined);
      if (response.status === 401 && !OWN_401.has(path)) unauthorized?.(error);
      throw error;
    }
    throw new ResponseError(response.status);
  }
  opts.onHeaders?.(response.headers);
  return data as T;
}
