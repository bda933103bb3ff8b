// One console connection's life, shared by the serial and VNC consoles: fetch the one-time URL, open, track the phase.
import { createSignal, type Accessor } from 'solid-js';
import { consoleUrl } from '../api/consoles.ts';
import { describeFailure } from '../common/failure.ts';
import { t } from './i18n.ts';

export type ConsolePhase = 'idle' | 'connecting' | 'connected' | 'closed' | 'failed';

export interface ConsoleLink<T> {
  phase: Accessor<ConsolePhase>;
  error: Accessor<string | undefined>;
  /** The status line: connecting, connected or closed. */
  status: () => string;
  /** The open connection, if any. */
  current: () => T | undefined;
  /** Closes any connection, then fetches a fresh URL and opens a new one. */
  start: () => Promise<void>;
  stop: () => void;
  /** Call from the connection's open event; false when it is no longer the current one. */
  opened: (conn: T) => boolean;
  /** Call from the connection's close event. */
  closed: (conn: T) => void;
}

export interface ConsoleLinkOptions<T> {
  kind: 'serial' | 'vnc';
  name: () => string;
  initial: ConsolePhase;
  open: (url: string) => T;
  close: (conn: T) => void;
}

export function createConsoleLink<T>(opts: ConsoleLinkOptions<T>): ConsoleLink<T> {
  let conn: T | undefined;
  const [phase, setPhase] = createSignal<ConsolePhase>(opts.initial);
  const [error, setError] = createSignal<string>();

  const stop = () => {
    const c = conn;
    conn = undefined;
    if (c === undefined) return;
    opts.close(c);
    // Its close event no longer concerns us (it is not the current connection), so say it here.
    setPhase('closed');
  };

  async function start(): Promise<void> {
    stop();
    setError(undefined);
    setPhase('connecting');
    let url: string;
    try {
      url = await consoleUrl(opts.name(), opts.kind);
    } catch (e) {
      setError(t('console.failed', { reason: describeFailure(e).reason }));
      setPhase('failed');
      return;
    }
    conn = opts.open(url);
  }

  return {
    phase,
    error,
    status: () => (phase() === 'connecting' ? t('console.connecting') : phase() === 'connected' ? t('console.connected') : t('console.closed')),
    current: () => conn,
    start,
    stop,
    opened: (c) => {
      if (conn !== c) return false;
      setPhase('connected');
      return true;
    },
    closed: (c) => {
      if (conn !== c) return;
      conn = undefined;
      setPhase('closed');
    },
  };
}
