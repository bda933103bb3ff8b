// Secrets out of everything a debug report copies: values under password/passwd/token/secret keys, in JSON, XML and log text.
const SECRET_KEY = /password|passwd|token|secret|product_key/i;
export const MASK = '********';

/** A deep copy with every value whose key names a secret replaced by the mask. */
export function scrubValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(scrubValue);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = SECRET_KEY.test(k) ? MASK : scrubValue(x);
    return out;
  }
  if (typeof v === 'string' && v.length > 1 && /^[[{]/.test(v)) { // JSON kept as text (a spec column)
    try { return JSON.stringify(scrubValue(JSON.parse(v))); } catch { return scrubText(v); }
  }
  return typeof v === 'string' ? scrubText(v) : v;
}

/**
 * key=value, key: value, "key": "value" and XML attributes key='value' whose key names a secret; the value
 * (quoted or up to a separator) becomes the mask. Also <secret>…</secret>-style elements.
 */
export function scrubText(s: string): string {
  return s
    .replace(/(\b[\w.-]*(?:password|passwd|token|secret)[\w.-]*["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&}<>]+)/gi,
      (_m, key: string, value: string) => key + (/^["']/.test(value) ? `${value[0]}${MASK}${value[0]}` : MASK))
    .replace(/(<([\w-]*(?:password|passwd|token|secret)[\w-]*)\b[^>]*>)[^<]*(<\/\2>)/gi, `$1${MASK}$3`);
}
