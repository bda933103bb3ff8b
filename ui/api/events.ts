// The live event stream (/api/events, server-sent events) as typed callbacks.
import type { ServerConfig } from '../../handlers/config/schemas.ts';
import { locale } from '../common/i18n/index.ts';

export interface EventHandlers {
  /** `config` event: the server's state changed (or is announced on connect). */
  config?: (config: ServerConfig) => void;
  /** The stream is (re)connected; a good moment to re-read state that may have been missed. */
  open?: () => void;
  /** The stream dropped; the browser reconnects by itself. */
  lost?: () => void;
}

function parse<T>(data: string): T | undefined {
  try {
    return JSON.parse(data) as T;
  } catch {
    return undefined;
  }
}

/**
 * Subscribe to /api/events. EventSource cannot set headers, so the UI's locale travels
 * as `?lang=` (the server prefers it over Accept-Language). Returns the function that closes the stream.
 */
export function subscribeEvents(handlers: EventHandlers): () => void {
  if (typeof EventSource === 'undefined') return () => {};
  const source = new EventSource(`/api/events?lang=${encodeURIComponent(locale)}`);

  source.addEventListener('open', () => handlers.open?.());
  source.addEventListener('error', () => handlers.lost?.());
  source.addEventListener('config', (event) => {
    const config = parse<ServerConfig>((event as MessageEvent<string>).data);
    if (config && (config.state === 'ok' || config.state === 'error')) handlers.config?.(config);
  });

  return () => source.close();
}
