// Public surface of handlers/: createApp, the deps it takes, the error type and the translation catalogs.
export { createApp, MOUNTS } from './app.ts';
export { ROOT_POSTS } from './kimchi/index.ts';
export type { Deps, AppEnv, LibvirtSource, SanityState, EventSource, ServerEvent, HandlerLogger, DomainXmlSource, VmStatsSource } from './common/context.ts';
export { KimchiError, type Problem } from './common/errors.ts';
export { translate, negotiateLocale, LOCALES, type Locale, type MessageCode } from './i18n/index.ts';
export type { ServerConfig } from './config/schemas.ts';
