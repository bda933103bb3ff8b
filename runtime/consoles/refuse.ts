// Refusing a WebSocket upgrade with a plain HTTP answer: the API's {code, reason} body, translated, then close.
import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { negotiateLocale, translate, type MessageCode, type MessageParams } from '../../handlers/i18n/index.ts';

export function localeOfUpgrade(req: IncomingMessage, url: URL) {
  return negotiateLocale(url.searchParams.get('lang') ?? req.headers['accept-language']);
}

/** Write a complete HTTP/1.1 response on the raw socket and end it. */
export function refuseRaw(socket: Duplex, status: number, body: { code: string; reason: string }): void {
  if (socket.destroyed) return;
  const json = Buffer.from(JSON.stringify(body), 'utf8');
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${json.length}`,
    'Cache-Control: no-store',
    'Connection: close',
    '', '',
  ].join('\r\n');
  socket.end(Buffer.concat([Buffer.from(head, 'latin1'), json]));
}

export function refuse(socket: Duplex, req: IncomingMessage, url: URL, status: number, code: MessageCode, params: MessageParams = {}): void {
  refuseRaw(socket, status, { code, reason: translate(localeOfUpgrade(req, url), code, params) });
}
