// The guest page's lifecycle actions: run one and toast its outcome; follow a shutdown until the guest stops.
import { createEffect, createSignal, onCleanup } from 'solid-js';
import { cloneVm, vmAction, type Vm, type VmAction } from '../api/index.ts';
import { toastFailure, toastSuccess, toastTask } from '../common/toast.ts';
import { t, type VmPageKey } from './i18n.ts';

/**
 * How long a guest may take to shut down before the page offers "Power off instead". 30 s; a test sets
 * `window.__kimchiShutdownWaitMs` (e.g. with Playwright's addInitScript) to wait less — the one testing hook.
 */
export const shutdownWaitMs = (): number => {
  const hook = (globalThis as { __kimchiShutdownWaitMs?: unknown }).__kimchiShutdownWaitMs;
  return typeof hook === 'number' && hook > 0 ? hook : 30_000;
};

export interface Lifecycle {
  /** The action whose request is in flight. */
  busy: () => VmAction | 'clone' | undefined;
  /** A shutdown was asked for and the guest has not stopped yet. */
  shuttingDown: () => boolean;
  /** …and it is taking longer than shutdownWaitMs(). */
  slow: () => boolean;
  run: (action: VmAction) => Promise<void>;
  clone: () => Promise<void>;
}

export function createLifecycle(name: () => string, vm: () => Vm | undefined, onVm: (vm: Vm) => void): Lifecycle {
  const [busy, setBusy] = createSignal<VmAction | 'clone'>();
  const [shuttingDown, setShuttingDown] = createSignal(false);
  const [slow, setSlow] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const endWatch = () => {
    clearTimeout(timer);
    setShuttingDown(false);
    setSlow(false);
  };
  const beginWatch = () => {
    endWatch();
    setShuttingDown(true);
    timer = setTimeout(() => setSlow(true), shutdownWaitMs());
  };
  onCleanup(() => clearTimeout(timer));

  // The guest stopped on its own (the page learns it from /api/events or its poll): the shutdown is done.
  createEffect(() => {
    const state = vm()?.state;
    if (!shuttingDown() || state === undefined || state === 'running' || state === 'blocked' || state === 'shutdown') return;
    endWatch();
    if (state === 'shutoff') toastSuccess(t('done.shutdown', { name: name() }));
  });

  async function run(action: VmAction): Promise<void> {
    setBusy(action);
    try {
      const after = await vmAction(name(), action);
      if (action === 'poweroff') endWatch();
      if (action === 'shutdown' && after.state !== 'shutoff') {
        toastSuccess(t('done.shutdownAsked', { name: name() }), t('done.shutdownAskedDetail'));
        beginWatch();
      } else {
        toastSuccess(t(`done.${action}` as VmPageKey, { name: name() }));
      }
      onVm(after);
    } catch (e) {
      toastFailure(t(`failed.${action}` as VmPageKey, { name: name() }), e);
    } finally {
      setBusy(undefined);
    }
  }

  async function clone(): Promise<void> {
    setBusy('clone');
    try {
      toastTask(t('done.clone', { name: name() }), await cloneVm(name()));
    } catch (e) {
      toastFailure(t('failed.clone', { name: name() }), e);
    } finally {
      setBusy(undefined);
    }
  }

  return { busy, shuttingDown, slow, run, clone };
}
