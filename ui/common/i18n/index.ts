// The UI's locale choice and t(): picks en-US or pt-BR from the browser once, at load.
import { enUS, type MessageKey, type Messages } from './en-US.ts';
import { ptBR } from './pt-BR.ts';
import { fill } from './translator.ts';

export type { MessageKey } from './en-US.ts';

export const locales = ['en-US', 'pt-BR'] as const;
export type Locale = (typeof locales)[number];

const catalogs: Record<Locale, Messages> = { 'en-US': enUS, 'pt-BR': ptBR };

/**
 * The first preferred language we can serve wins: any `pt*` means pt-BR, any `en*` en-US.
 * A browser asking only for languages we lack gets en-US.
 */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const lang = tag.toLowerCase();
    if (lang === 'pt' || lang.startsWith('pt-')) return 'pt-BR';
    if (lang === 'en' || lang.startsWith('en-')) return 'en-US';
  }
  return 'en-US';
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  if (navigator.languages?.length) return navigator.languages;
  return navigator.language ? [navigator.language] : [];
}

/** Chosen once; sent as Accept-Language on every API request and set as `<html lang>`. */
export const locale: Locale = pickLocale(browserLanguages());

/** Translate `key`, filling `{name}` placeholders from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return fill(catalogs[locale][key] ?? enUS[key], params);
}
