// The task drawer: a header button with the running count that opens the list of recent Tasks (Proxmox's task log).
import { For, Show, createEffect, on, onCleanup } from 'solid-js';
import type { Task } from '../api/index.ts';
import { describeFailure } from '../common/failure.ts';
import { formatDate, formatPercent } from '../common/format.ts';
import { t } from '../common/i18n/index.ts';
import { describeTarget, targetVm } from './describe.ts';
import { GuestLink, taskHost } from './guest-link.tsx';
import { LOCAL_HOST } from '../api/scope.ts';
import { drawerOpen as open, setDrawerMounted, setDrawerOpen as setOpen } from './drawer-state.ts';
import { createRecentTasks } from './recent.ts';
import './drawer.css';

const CLOCK: Intl.DateTimeFormatOptions = { timeStyle: 'medium' };

/** A time in the locale: the clock for today, the date too for older ones. */
function when(iso: string): string {
  const date = new Date(iso);
  return date.toDateString() === new Date().toDateString() ? formatDate(date, CLOCK) : formatDate(date);
}

/**
 * A Task's progress as a fraction for a bar: its `progress` figures (a migration), or an upload's message, which
 * travels as "done/total" bytes ("waiting 0/total" before the body starts).
 */
function taskProgress(task: Task): { done: number } | undefined {
  if (task.progress) return { done: Math.min(1, Math.max(0, task.progress.percent / 100)) };
  const m = /^(?:waiting )?(\d+)\/(\d+)$/.exec(task.message);
  return m && Number(m[2]) > 0 ? { done: Math.min(1, Number(m[1]) / Number(m[2])) } : undefined;
}

const statusLabel = (task: Task) =>
  task.status === 'running' ? t('task.running') : task.status === 'finished' ? t('task.finished')
    : task.status === 'cancelled' ? t('task.cancelled') : t('task.failed');

function TaskRow(props: { task: Task; onOpen: () => void }) {
  const vm = () => targetVm(props.task.target_uri);
  return (
    <li class="task-log__row" classList={{ [`task-log__row--${props.task.status}`]: true }} data-testid="task-row"
      data-task-id={props.task.id} data-state={props.task.status}>
      <span class="task-log__icon" aria-hidden="true" />
      <div class="task-log__text">
        <div class="task-log__head">
          <span class="task-log__what">
            <Show when={vm()} fallback={<strong class="task-log__target">{describeTarget(props.task.target_uri)}</strong>}>
              {(name) => <GuestLink task={props.task} name={name()} onOpen={props.onOpen}>{describeTarget(props.task.target_uri)}</GuestLink>}
            </Show>
            <Show when={taskHost(props.task) !== LOCAL_HOST}>
              {' '}<span class="task-log__host" data-testid="task-row-host">{t('tasks.onHost', { host: taskHost(props.task) })}</span>
            </Show>
          </span>
          <span class="task-log__status" data-testid="task-row-status">{statusLabel(props.task)}</span>
        </div>
        <Show when={props.task.status === 'running' ? taskProgress(props.task) : undefined}
          fallback={<Show when={props.task.message && props.task.message !== 'OK'}>
            <span class="task-log__message" data-testid="task-row-message">{props.task.message}</span>
          </Show>}>
          {(progress) => (
            <span class="task-log__message" data-testid="task-row-message">
              <progress class="task-log__progress" max="1" value={progress().done} aria-label={describeTarget(props.task.target_uri)} />{' '}
              {formatPercent(progress().done * 100)}
            </span>
          )}
        </Show>
        <span class="task-log__time">
          <time datetime={props.task.created_at}>{t('tasks.started', { time: when(props.task.created_at) })}</time>
          <Show when={props.task.status !== 'running'}>
            {' · '}
            <time datetime={props.task.updated_at}>{t('tasks.ended', { time: when(props.task.updated_at) })}</time>
          </Show>
        </span>
      </div>
    </li>
  );
}

export function TaskDrawer() {
  const recent = createRecentTasks();
  setDrawerMounted(true);
  let toggle: HTMLButtonElement | undefined;
  let panel: HTMLElement | undefined;

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) toggle?.focus();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open() && !document.querySelector('[aria-modal=true]')) close(true);
  };
  // A press outside the drawer (and not on its button) closes it, leaving focus where the press put it.
  const onPointer = (event: PointerEvent) => {
    const target = event.target as Node;
    if (open() && !panel?.contains(target) && !toggle?.contains(target)) close(false);
  };
  document.addEventListener('keydown', onKey);
  document.addEventListener('pointerdown', onPointer);
  onCleanup(() => {
    document.removeEventListener('keydown', onKey);
    document.removeEventListener('pointerdown', onPointer);
    setOpen(false);
    setDrawerMounted(false);
  });
  // However it was opened (its button, a task's toast), the drawer re-reads the list and takes focus.
  createEffect(on(open, (isOpen) => {
    if (!isOpen) return;
    void recent.reload();
    panel?.focus();
  }, { defer: true }));

  function show(): void {
    if (open()) return close(true);
    setOpen(true);
  }

  return (
    <div class="task-drawer">
      <button ref={toggle} type="button" class="button header__button" data-testid="task-drawer-toggle"
        aria-expanded={open()} aria-controls="task-drawer" onClick={show}>
        {t('tasks.button')}
        <Show when={recent.running()}>
          <span class="task-drawer__badge" data-testid="task-running-count">{recent.running()}</span>
          <span class="visually-hidden"> {t('tasks.runningSuffix')}</span>
        </Show>
      </button>
      <section ref={panel} id="task-drawer" class="task-drawer__panel" hidden={!open()} tabIndex={-1}
        aria-labelledby="task-drawer-title" data-testid="task-drawer">
        <header class="task-drawer__header">
          <h2 id="task-drawer-title" class="task-drawer__title">{t('tasks.title')}</h2>
          <button type="button" class="task-drawer__close" aria-label={t('tasks.close')} data-testid="task-drawer-close" onClick={() => close(true)}>
            ×
          </button>
        </header>
        <Show when={recent.error()}>
          {(failure) => (
            <p class="task-drawer__error" role="alert">
              {t('tasks.loadFailed', { reason: describeFailure(failure()).reason })}{' '}
              <button type="button" class="button" onClick={() => void recent.reload()}>{t('tasks.retry')}</button>
            </p>
          )}
        </Show>
        <Show when={recent.tasks().length} fallback={<p class="task-drawer__empty" data-testid="task-drawer-empty">{t('tasks.empty')}</p>}>
          <ol class="task-log" data-testid="task-log">
            <For each={recent.tasks()}>{(task) => <TaskRow task={task} onOpen={() => close(false)} />}</For>
          </ol>
        </Show>
      </section>
    </div>
  );
}
