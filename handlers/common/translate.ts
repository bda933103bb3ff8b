// Turns any thrown value into the API's error answer: status plus a translated {code, reason} body.
import { HTTPException } from 'hono/http-exception';
import { DisconnectedError, ErrorCode, LibvirtError } from '../../libvirt/index.ts';
import { translate, type Locale, type MessageCode as MessageKey } from '../i18n/index.ts';
import { KimchiError, type ErrorStatus } from './errors.ts';

export interface ErrorAnswer { status: ErrorStatus; body: { code: string; reason: string }; headers?: Record<string, string> }

const missingObject: Partial<Record<number, MessageKey>> = {
  [ErrorCode.NO_DOMAIN]: 'object.domain',
  [ErrorCode.NO_NETWORK]: 'object.network',
  [ErrorCode.NO_STORAGE_POOL]: 'object.pool',
  [ErrorCode.NO_STORAGE_VOL]: 'object.volume',
};

/** Map libvirt's numeric error codes (never message text) to our errors. */
export function fromLibvirt(e: LibvirtError): KimchiError {
  const object = missingObject[e.code];
  if (object) return new KimchiError(404, 'KCHAPI0008E', { object: { t: object }, detail: e.message }, { cause: e });
  if (e.code === ErrorCode.OPERATION_INVALID) return new KimchiError(409, 'KCHAPI0009E', { detail: e.message }, { cause: e });
  return new KimchiError(500, 'KCHAPI0007E', { detail: e.message }, { cause: e });
}

/** `unexpected` is called for errors that are our bugs or unknown failures (to log them). */
export function toErrorAnswer(
  err: unknown, locale: Locale, ctx: { requestId: string; uri?: string; unexpected?: (e: unknown) => void },
): ErrorAnswer {
  let k: KimchiError;
  if (err instanceof KimchiError) k = err;
  else if (err instanceof LibvirtError) k = fromLibvirt(err);
  else if (err instanceof DisconnectedError) k = new KimchiError(500, 'KCHCONF0001E', { uri: ctx.uri ?? 'libvirt' }, { cause: err });
  else if (err instanceof HTTPException && err.status === 413) k = new KimchiError(413, 'KCHAPI0004E', { limit: '?' });
  // Hono's own validator refuses an unparsable body with a bare 400 (e.g. a JSON content type with an empty body).
  else if (err instanceof HTTPException && err.status === 400) k = new KimchiError(400, 'KCHAPI0002E', {}, { cause: err });
  else {
    ctx.unexpected?.(err);
    k = new KimchiError(500, 'KCHAPI0006E', { requestId: ctx.requestId }, { cause: err });
  }
  return { status: k.status, body: { code: k.code, reason: translate(locale, k.code, k.params) }, headers: k.headers };
}
