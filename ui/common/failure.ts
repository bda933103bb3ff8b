// A failed request as one sentence for the user: the server's translated reason, or what went wrong on the way.
import { ApiError, NetworkError } from '../api/index.ts';
import { t } from './i18n/index.ts';

export interface Failure {
  code?: string;
  reason: string;
}

export function describeFailure(failure: unknown): Failure {
  if (failure instanceof ApiError) return { code: failure.code, reason: failure.reason };
  if (failure instanceof NetworkError) return { reason: t('error.unreachable') };
  const status = (failure as { status?: unknown } | undefined)?.status;
  return { reason: t('error.unexpected', { status: String(status ?? '?') }) };
}
