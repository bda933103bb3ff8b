// The one validation hook: every zod failure (body, query, path) becomes our 400 {code, reason}.
import type { z } from '@hono/zod-openapi';
import { KimchiError } from './errors.ts';
import { isMessageKey, type MessageParams } from '../i18n/index.ts';

type Issue = z.core.$ZodIssue;

function problemOf(issue: Issue): MessageParams['problem'] {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? { t: 'problem.required' } : { t: 'problem.type' };
    case 'unrecognized_keys': return { t: 'problem.unknown' };
    case 'too_small': return { t: 'problem.too_small' };
    case 'too_big': return { t: 'problem.too_big' };
    case 'invalid_format': return { t: 'problem.format' };
    case 'invalid_value': return { t: 'problem.enum' };
    case 'custom': {
      // A refinement that names its problem (`params: { problem: <catalog key> }`, as names.ts does).
      const problem: unknown = issue.params?.problem;
      return typeof problem === 'string' && isMessageKey(problem) ? { t: problem } : { t: 'problem.other' };
    }
    default: return { t: 'problem.other' };
  }
}

/** The first issue, as a translatable error naming the field and what is wrong with it. */
export function validationError(error: z.ZodError, target?: string): KimchiError {
  const issue = error.issues[0];
  const path = issue.path.map(String).join('.');
  const field = issue.code === 'unrecognized_keys' ? [path, ...issue.keys].filter(Boolean).join('.')
    : path || target || 'body';
  const params: MessageParams = { field, problem: problemOf(issue) };
  if (issue.code === 'invalid_type') params.expected = issue.expected;
  if (issue.code === 'invalid_value') params.values = issue.values.map((v) => JSON.stringify(v)).join(', ');
  return new KimchiError(400, 'KCHAPI0005E', params, { cause: error });
}

/** For OpenAPIHono's defaultHook: throw, so onError answers (one exit for every error). */
export function validationHook(result: { success: boolean; error?: z.ZodError; target?: string }): void {
  if (!result.success && result.error) throw validationError(result.error, result.target);
}
