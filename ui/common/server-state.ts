// The server's health as the UI sees it: loaded at start, kept live by events, rechecked on Retry.
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { ApiError, NetworkError, getConfig, recheck, subscribeEvents, type ServerConfig } from '../api/index.ts';
import { t } from './i18n/index.ts';

/** What the banner shows: the server's code and translated reason, or a local message. */
export interface ServerProblem {
  code?: string;
  reason: string;
}

export type ServerState =
  | { kind: 'loading' }
  | { kind: 'ok'; version: string }
  | { kind: 'error'; problem: ServerProblem };

export interface ServerStateStore {
  state: Accessor<ServerState>;
  /** True while a recheck is in flight; the Retry button stays disabled meanwhile. */
  retrying: Accessor<boolean>;
  /** Recheck now; resolves with the state it found (the current one when a recheck was already running). */
  retry: () => Promise<ServerState>;
}

function fromConfig(config: ServerConfig): ServerState {
  if (config.state === 'ok') return { kind: 'ok', version: config.version };
  if (!config.error) return { kind: 'error', problem: { reason: t('error.noDetails') } };
  return { kind: 'error', problem: { code: config.error.code, reason: config.error.reason } };
}

function fromFailure(failure: unknown): ServerState {
  if (failure instanceof ApiError) {
    return { kind: 'error', problem: { code: failure.code, reason: failure.reason } };
  }
  if (failure instanceof NetworkError) return { kind: 'error', problem: { reason: t('error.unreachable') } };
  const status = (failure as { status?: unknown })?.status;
  return { kind: 'error', problem: { reason: t('error.unexpected', { status: String(status ?? '?') }) } };
}

/** Call inside a component: the event stream closes with it. */
export function createServerState(): ServerStateStore {
  const [state, setState] = createSignal<ServerState>({ kind: 'loading' });
  const [retrying, setRetrying] = createSignal(false);

  // Only the newest request (or event) may set the state; older answers are dropped.
  let latest = 0;
  async function load(call: () => Promise<ServerConfig>): Promise<void> {
    const mine = ++latest;
    let next: ServerState;
    try {
      next = fromConfig(await call());
    } catch (failure) {
      next = fromFailure(failure);
    }
    if (mine === latest) setState(next);
  }

  async function retry(): Promise<ServerState> {
    if (retrying()) return state();
    setRetrying(true);
    try {
      await load(recheck);
    } finally {
      setRetrying(false);
    }
    return state();
  }

  let dropped = false;
  const unsubscribe = subscribeEvents({
    config: (config) => {
      latest++;
      setState(fromConfig(config));
    },
    // A dropped stream may mean a dead server: ask, so the banner says so if it is.
    lost: () => {
      dropped = true;
      void load(getConfig);
    },
    // Back after a drop: events may have been missed while away.
    open: () => {
      if (dropped) void load(getConfig);
      dropped = false;
    },
  });
  onCleanup(unsubscribe);

  void load(getConfig);
  return { state, retrying, retry };
}
