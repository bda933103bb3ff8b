// Migrate a guest: a destination among the hosts that pass the server's checks (the others listed with the reason),
// the disks (shared or copied), live or paused meanwhile (a shut-off guest: offline only), optional limits; then the
// Task's progress with Abort.
import { For, Match, Show, Switch, createResource, createSignal, onCleanup } from 'solid-js';
import { ApiError } from '../api/client.ts';
import { migrateVm, migrationTargets, type MigrationRequest, type ProgressTask, type StorageMode } from '../api/migration.ts';
import { vmHost, type Vm } from '../api/vms.ts';
import { Dialog } from '../common/dialog.tsx';
import { FieldMessage, TextField } from '../common/field.tsx';
import { createSubmission } from '../common/form-dialog.tsx';
import { describeFailure } from '../common/failure.ts';
import { toastFailure, toastSuccess } from '../common/toast.ts';
import { watchTask } from '../tasks/watch.ts';
import type { Task } from '../api/tasks.ts';
import { t } from './i18n.ts';
import { MigrationProgress } from './progress.tsx';
import './migration.css';

export interface MigrateDialogProps {
  vm: Vm;
  onClose: () => void;
  /** The guest arrived on `host`. */
  onMigrated: (host: string) => void;
}

const WHOLE = /^[1-9][0-9]{0,8}$/;

export function MigrateDialog(props: MigrateDialogProps) {
  const name = props.vm.name;
  const source = vmHost(props.vm);
  const [storage, setStorage] = createSignal<StorageMode>('shared');
  // A shut-off guest can only move offline; the server picks the same when `live` is left out.
  const shutOff = props.vm.state === 'shutoff';
  const [live, setLive] = createSignal(!shutOff);
  const [destination, setDestination] = createSignal('');
  const [bandwidth, setBandwidth] = createSignal('');
  const [downtime, setDowntime] = createSignal('');
  const [unsafe, setUnsafe] = createSignal(false);
  const [task, setTask] = createSignal<ProgressTask>();
  const submission = createSubmission();

  // Re-checked for each storage mode: copying the disks needs room on the destination, sharing needs the same paths.
  const [targets] = createResource(storage, (mode) => migrationTargets(name, mode, source));
  const usable = () => (targets.latest ?? []).filter((one) => one.ok);
  const refused = () => (targets.latest ?? []).filter((one) => !one.ok);
  const chosen = () => (usable().some((one) => one.host === destination()) ? destination() : usable()[0]?.host ?? '');
  const numberError = (value: string) => (value === '' || WHOLE.test(value) ? undefined : t('numberInvalid'));
  const valid = () => chosen() !== '' && !numberError(bandwidth()) && !numberError(downtime());

  let stopWatch = () => {};
  onCleanup(() => stopWatch());

  function follow(first: ProgressTask, to: string): void {
    setTask(first);
    const settle = (now: ProgressTask) => {
      setTask(now);
      if (now.status === 'finished') { toastSuccess(t(shutOff ? 'doneOffline' : 'done', { name, host: to })); props.onMigrated(to); }
      else if (now.status === 'cancelled') toastSuccess(t('cancelled', { name, host: source }));
      else if (now.status === 'failed') toastFailure(t('failed', { name }), new ApiError(0, 'migration', now.message));
    };
    if (first.status !== 'running') return settle(first);
    stopWatch = watchTask(first as Task, (now) => settle(now as ProgressTask));
  }

  async function start(event: Event): Promise<void> {
    event.preventDefault();
    if (!valid()) return;
    const to = chosen();
    const body: MigrationRequest = { destination: to, live: live(), storage: storage(), persistent: true, undefine_source: true };
    if (unsafe() && storage() === 'shared' && !shutOff) body.unsafe = true;
    if (bandwidth()) body.bandwidth_mib_s = Number(bandwidth());
    if (downtime() && !shutOff) body.max_downtime_ms = Number(downtime());
    await submission.run(async () => follow(await migrateVm(name, body, source), to));
  }

  const phase = () => (task() ? task()!.status : submission.saving() ? 'starting' : 'editing');
  const Choice = (p: { group: string; value: string; checked: boolean; label: string; hint: string; onPick: () => void }) => (
    <label class="migrate-choice">
      <input type="radio" name={p.group} value={p.value} data-testid={`migrate-${p.group}-${p.value}`} checked={p.checked}
        disabled={submission.saving()} onChange={() => p.onPick()} />
      <span><span class="migrate-choice__label">{p.label}</span><span class="field__hint">{p.hint}</span></span>
    </label>
  );

  return (
    <Dialog title={t('title', { name })} testId="migrate-dialog" state={phase()} busy={submission.saving()} onClose={props.onClose}
      footer={
        <Show when={task()} fallback={
          <>
            <button type="button" class="button" data-testid="migrate-cancel" disabled={submission.saving()} onClick={props.onClose}>{t('cancel')}</button>
            <button type="submit" form="migrate-form" class="button button--primary" data-testid="migrate-submit"
              disabled={!valid() || submission.saving()} aria-busy={submission.saving() ? 'true' : undefined}>
              {submission.saving() ? t('submitting') : t('submit')}
            </button>
          </>
        }>
          <button type="button" class="button" data-testid="migrate-close" onClick={props.onClose}>
            {task()!.status === 'running' ? t('hide') : t('close')}
          </button>
        </Show>
      }>
      <Show when={task()} fallback={
        <form id="migrate-form" class="form migrate-form" onSubmit={(e) => void start(e)} novalidate>
          <p>{t(shutOff ? 'fromOff' : 'from', { name, host: source })}</p>
          <fieldset class="migrate-group">
            <legend class="field__label">{t('storage')}</legend>
            <Choice group="storage" value="shared" checked={storage() === 'shared'} label={t('storage.shared')} hint={t('storage.sharedHint')} onPick={() => setStorage('shared')} />
            <Choice group="storage" value="copy" checked={storage() === 'copy'} label={t('storage.copy')} hint={t('storage.copyHint')} onPick={() => setStorage('copy')} />
          </fieldset>
          <fieldset class="migrate-group" data-testid="migrate-destinations" data-state={targets.loading ? 'loading' : targets.error ? 'error' : 'ready'}>
            <legend class="field__label">{t('destination')}</legend>
            <Switch>
              <Match when={targets.error}>{<p class="form-error" role="alert">{describeFailure(targets.error).reason}</p>}</Match>
              <Match when={targets.loading && !targets.latest}><p role="status">{t('checking')}</p></Match>
              <Match when={(targets.latest ?? []).length === 0}><p class="field__hint" data-testid="migrate-no-hosts">{t('noHosts')}</p></Match>
              <Match when={true}>
                <For each={usable()}>
                  {(one) => (
                    <label class="migrate-choice" data-testid="migrate-target" data-host={one.host}>
                      <input type="radio" name="destination" value={one.host} checked={chosen() === one.host} disabled={submission.saving()}
                        onChange={() => setDestination(one.host)} />
                      <span class="migrate-choice__label">{one.host}</span>
                    </label>
                  )}
                </For>
                <Show when={usable().length === 0}><p class="form-error" data-testid="migrate-none">{t('none')}</p></Show>
                <Show when={refused().length > 0}>
                  <ul class="migrate-refused" data-testid="migrate-refused">
                    <For each={refused()}>
                      {(one) => (
                        <li data-testid="migrate-refused-host" data-host={one.host} data-code={one.code}>
                          <strong>{one.host}</strong> — {t('cannot')} {one.reason ?? one.code}
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </Match>
            </Switch>
          </fieldset>
          <fieldset class="migrate-group">
            <legend class="field__label">{t('mode')}</legend>
            <Show when={!shutOff}>
              <Choice group="mode" value="live" checked={live()} label={t('mode.live')} hint={t('mode.liveHint')} onPick={() => setLive(true)} />
            </Show>
            <Choice group="mode" value="offline" checked={!live()} label={t('mode.offline')} hint={t(shutOff ? 'mode.offlineOffHint' : 'mode.offlineHint')}
              onPick={() => setLive(false)} />
          </fieldset>
          <details class="migrate-advanced">
            <summary>{t('advanced')}</summary>
            <TextField label={t('bandwidth')} hint={t('bandwidthHint')} error={numberError(bandwidth())} testId="migrate-bandwidth"
              inputMode="numeric" value={bandwidth()} disabled={submission.saving()} onInput={setBandwidth} />
            <Show when={!shutOff}>
              <TextField label={t('downtime')} hint={t('downtimeHint')} error={numberError(downtime())} testId="migrate-downtime"
                inputMode="numeric" value={downtime()} disabled={submission.saving()} onInput={setDowntime} />
            </Show>
            <Show when={storage() === 'shared' && !shutOff}>
            <label class="migrate-choice">
              <input type="checkbox" data-testid="migrate-unsafe" checked={unsafe()} disabled={submission.saving()}
                onChange={(e) => setUnsafe(e.currentTarget.checked)} />
              <span><span class="migrate-choice__label">{t('unsafe')}</span><FieldMessage hint={t('unsafeHint')} /></span>
            </label>
            </Show>
          </details>
          <Show when={submission.failure()}>
            {(f) => <p class="form-error" role="alert" data-testid="migrate-error">{f().reason}</p>}
          </Show>
        </form>
      }>
        {(now) => <MigrationProgress task={now()} name={name} destination={chosen() || destination()} />}
      </Show>
    </Dialog>
  );
}
