// Renders the sanity state as the Config resource in the caller's language.
import type { Deps } from '../common/context.ts';
import type { Problem } from '../common/errors.ts';
import { translate, type Locale } from '../i18n/index.ts';
import type { ServerConfig } from './schemas.ts';

export function configView(deps: Deps, locale: Locale, problem: Problem | null = deps.sanity.current()): ServerConfig {
  const version = deps.version ?? '0.0.0';
  if (!problem) return { state: 'ok', version };
  return { state: 'error', error: { code: problem.code, reason: translate(locale, problem.code, problem.params) }, version };
}
