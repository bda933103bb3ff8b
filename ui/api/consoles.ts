// Typed calls for a VM's consoles: the one-time token (POST /vms/:name/connect) and the WebSocket URL it opens.
import type { ConsoleConnection } from '../../handlers/consoles/connect-schemas.ts';
import { request } from './client.ts';
import { scoped } from './scope.ts';

export type { ConsoleConnection } from '../../handlers/consoles/connect-schemas.ts';
export type ConsoleKind = 'vnc' | 'serial';

/** A token for one console, valid 30 s and once; 409 when the VM is not running or has no such console. */
export function connectConsole(name: string, kind: ConsoleKind): Promise<ConsoleConnection> {
  return request<ConsoleConnection>('POST', scoped(`/vms/${encodeURIComponent(name)}/connect`), { kind });
}

/** The absolute ws:// (or wss://) URL of a path the server gave, on this page's host. */
export function webSocketUrl(path: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}`;
}

/** Ask for a token and return the WebSocket URL of that console. */
export async function consoleUrl(name: string, kind: ConsoleKind): Promise<string> {
  const c = await connectConsole(name, kind);
  return webSocketUrl(kind === 'vnc' ? c.vnc : c.serial);
}
