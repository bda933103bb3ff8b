// Builds a page's t() from its catalogs: the UI's locale, falling back to en-US, `{name}` placeholders filled.
import type { Locale } from './index.ts';

/** Replace `{name}` placeholders from `params`; unknown ones stay visible. */
export function fill(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translator<K extends string>(locale: Locale, catalogs: Record<Locale, { readonly [P in K]: string }>) {
  return (key: K, params?: Record<string, string | number>): string => fill(catalogs[locale][key] ?? catalogs['en-US'][key], params);
}
