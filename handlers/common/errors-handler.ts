// The one exit for errors: onError and notFound answer {code, reason} in the caller's language, never a stack.
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { negotiateLocale, translate } from '../i18n/index.ts';
import type { AppEnv } from './context.ts';
import { toErrorAnswer } from './translate.ts';

const localeOf = (c: Context<AppEnv>) => c.get('locale') ?? negotiateLocale(c.req.header('accept-language'));

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  const deps = c.get('deps');
  const requestId = c.get('requestId') ?? crypto.randomUUID();
  const answer = toErrorAnswer(err, localeOf(c), {
    requestId,
    unexpected: (e) => deps?.logger?.error({ err: e, requestId, method: c.req.method, path: c.req.path }, 'request failed'),
  });
  if (answer.status !== 500 || answer.body.code !== 'KCHAPI0006E') {
    deps?.logger?.debug({ requestId, status: answer.status, code: answer.body.code, path: c.req.path }, 'request refused');
  }
  return c.json(answer.body, answer.status, answer.headers);
};

export const notFound: NotFoundHandler<AppEnv> = (c) =>
  c.json({ code: 'KCHAPI0001E', reason: translate(localeOf(c), 'KCHAPI0001E', { path: c.req.path }) }, 404);
