// KimchiError: the one error type handlers throw — an HTTP status, a stable message code and its parameters.
import type { MessageCode, MessageParams } from '../i18n/index.ts';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503;

export class KimchiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: MessageCode,
    readonly params: MessageParams = {},
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(`${code} ${JSON.stringify(params)}`, options);
    this.name = 'KimchiError';
    this.headers = options?.headers;
  }

  /** Response headers that belong to this error (WWW-Authenticate, Retry-After). */
  readonly headers?: Record<string, string>;
}

/** A failed requirement or other translatable condition kept as data, translated per request. */
export interface Problem { code: MessageCode; params?: MessageParams }
