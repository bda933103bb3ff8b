// Translation: pick a locale from Accept-Language and render a catalog message with its parameters.
import { enUS, type MessageKey } from './en-US.ts';
import { ptBR } from './pt-BR.ts';

export type Locale = 'en-US' | 'pt-BR';
export type MessageCode = MessageKey;
/** Parameter values are shown as given, except `{t: key}`, which is itself translated (e.g. "The network"). */
export type MessageParams = Record<string, string | number | { t: MessageKey }>;

export const LOCALES: readonly Locale[] = ['en-US', 'pt-BR'];
const catalogs: Record<Locale, Record<MessageKey, string>> = { 'en-US': enUS, 'pt-BR': ptBR };

/** The best supported locale for an Accept-Language header (q-values honoured); en-US when none matches. */
export function negotiateLocale(header: string | null | undefined): Locale {
  if (!header) return 'en-US';
  const ranked = header.split(',')
    .map((part, i) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === '*') return 'en-US';
    const exact = LOCALES.find((l) => l.toLowerCase() === tag);
    if (exact) return exact;
    const lang = tag.split('-')[0];
    const partial = LOCALES.find((l) => l.toLowerCase().startsWith(`${lang}-`));
    if (partial) return partial;
  }
  return 'en-US';
}

/** Render `key` in `locale`, replacing {name} placeholders; unknown placeholders stay visible. */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = catalogs[locale][key] ?? enUS[key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    if (!Object.hasOwn(params, name)) return m;
    const v = params[name];
    return typeof v === 'object' ? translate(locale, v.t, { ...params, [name]: '' }) : String(v);
  });
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(enUS, key);
}
