// Kimchi 3.0's error body on /plugins/kimchi: {"code": "<HTTP status line>", "reason": "<message id>: <text>"}.
import { STATUS_CODES } from 'node:http';
import { KimchiError } from '../common/errors.ts';
import { isMessageKey, translate, type Locale, type MessageParams } from '../i18n/index.ts';
import type { Operation } from './schemas.ts';

export interface KimchiErrorAnswer { status: number; body: { code: string; reason: string } }

/**
 * Our codes whose condition Kimchi names with another id (kept codes mean the same in both). `item` builds the
 * parameters of a Kimchi-only message from ours. Codes in neither list are ours and pass through unchanged.
 */
const RENAMED: Record<string, { id: string; params?: (p: MessageParams) => MessageParams; status?: number }> = {
  KCHAPI0001E: { id: '' }, // no such path: Kimchi's KCHAPI0001E means an unknown parameter, cherrypy's 404 has no id
  KCHVM0003E: { id: 'KCHVM0001E' },
  KCHVMCR0001E: { id: 'KCHVM0001E' },
  KCHVMCR0013E: { id: 'KCHVM0002E' },
  KCHTMPL0002E: { id: 'WOKOBJST0001E', params: (p) => ({ item: String(p.name) }) },
  KCHTMPL0005E: { id: 'KCHTMPL0003E' },
  KCHTASK0001E: { id: 'WOKOBJST0001E', params: (p) => ({ item: String(p.id) }) },
  KCHAUTH0001E: { id: 'WOKAUTH0008E' },
  KCHAUTH0003E: { id: 'WOKAPI0009E' },
  KCHAUTH0004E: { id: 'WOKAUTH0002E' },
  KCHAUTH0006E: { id: 'WOKAPI0009E' },
  KCHAPI0002E: { id: 'WOKAPI0006E' },
  KCHAPI0003E: { id: 'WOKAPI0007E' },
  KCHSNAP0001E: { id: 'KCHSNAP0003E' },
  KCHSNAP0003E: { id: 'KCHSNAP0002E' }, // ours: the name is taken; Kimchi's 0003E means "does not exist"
  KCHVMSTOR0001E: { id: 'KCHVMSTOR0007E', params: (p) => ({ vm_name: String(p.name), dev_name: String(p.dev) }) },
  KCHVMSTOR0002E: { id: 'KCHVMSTOR0006E' },
  KCHVMIF0002E: { id: 'KCHVMIF0002E', status: 400 },
  // A volume from a URL (volume-url.ts): no usable file name in it, or a server that does not hand the file over.
  KCHCI0012E: { id: 'KCHVOL0016E' },
  KCHCI0013E: { id: 'KCHVOL0022E', params: (p) => ({ url: String(p.url) }) },
  KCHCI0014E: { id: 'KCHVOL0022E', params: (p) => ({ url: String(p.url) }) },
  KCHCI0015E: { id: 'KCHVOL0022E', params: (p) => ({ url: String(p.url) }) }, // Kimchi: an unknown network is a bad parameter, not a missing resource
};

/** Kimchi answers a conflict or a wrong state (InvalidOperation) and a non-JSON body with 400. */
function kimchiStatus(status: number): number {
  if (status === 409 || status === 415) return 400;
  return status;
}

export const statusLine = (status: number) => `${status} ${STATUS_CODES[status] ?? ''}`.trim();

/** Text of a Kimchi-only id in the caller's language, or undefined when we have none. */
function kimchiText(locale: Locale, id: string, params: MessageParams): string | undefined {
  const key = `kimchi.${id}`;
  return isMessageKey(key) ? translate(locale, key, params) : undefined;
}

/** A validation failure (our KCHAPI0005E) gets the id Kimchi's API.json gives that field of that operation. */
function validationId(op: Operation | undefined, params: MessageParams, sent: unknown): string {
  const field = String(params.field ?? '').replace(/\.\d+(?=\.|$)/g, '.*');
  let problem = typeof params.problem === 'object' ? params.problem.t : '';
  // zod reports a value of the wrong type like a missing one unless it was asked to report inputs: look at the body.
  if (problem === 'problem.required' && sent && typeof sent === 'object' && (sent as Record<string, unknown>)[field] !== undefined) problem = 'problem.type';
  if (!op) return 'WOKAPI0008E';
  if (problem === 'problem.unknown') return op.unknown ?? 'WOKAPI0008E';
  if (problem === 'problem.required' && !field.includes('.')) return op.required ?? op.fields[field] ?? 'WOKAPI0008E';
  return op.fields[field] ?? 'WOKAPI0008E';
}

/** Our error answer (status, {code, reason}) and the error behind it, as Kimchi 3.0 writes it. */
export function toKimchiError(
  status: number, body: { code?: string; reason?: string }, err: unknown, locale: Locale, op?: Operation, sent?: unknown,
): KimchiErrorAnswer {
  const code = body.code ?? '';
  const renamedStatus = RENAMED[code]?.status;
  const params: MessageParams = err instanceof KimchiError && err.code === code ? err.params : {};
  let id = code;
  let reason = body.reason ?? '';
  if (code.startsWith('kimchi.')) {
    id = code.slice('kimchi.'.length);
  } else if (code === 'KCHAPI0005E') {
    id = validationId(op, params, sent);
  } else if (RENAMED[code]) {
    const r = RENAMED[code];
    id = r.id;
    reason = kimchiText(locale, id, r.params ? r.params(params) : params) ?? reason;
  }
  if (id === 'WOKAPI0008E' && code === 'KCHAPI0005E') reason = kimchiText(locale, id, { err: reason }) ?? reason;
  const out = renamedStatus ?? kimchiStatus(status);
  return { status: out, body: { code: statusLine(out), reason: id ? `${id}: ${reason}` : reason } };
}

/** An error raised by the compat layer itself, with a Kimchi-only id (the message lives in i18n/kimchi.ts). */
export type KimchiOnlyId = 'KCHTMPL0002E' | 'KCHTMPL0016E' | 'KCHVM0016E' | 'KCHAPI0001E' | 'KCHPOOL0070E'
  | 'KCHVOL0013E' | 'KCHVOL0015E' | 'KCHVOL0016E' | 'KCHVOL0018E' | 'KCHVOL0019E' | 'KCHVOL0021E' | 'KCHVMSTOR0017E'
  | 'KCHVM0059E' | 'KCHVM0060E' | 'KCHVM0069E' | 'KCHVM0091E';
export function kimchiOnly(status: 400 | 404, id: KimchiOnlyId, params: MessageParams = {}): KimchiError {
  return new KimchiError(status, `kimchi.${id}`, params);
}
