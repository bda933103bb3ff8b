// ISO scans: start a shallow or deep scan, follow its task (polled every 500 ms, sooner on its `task` event), stop it, list what it found.
import { For, Show, createSignal, onCleanup } from 'solid-js';
import { subscribeEvents } from '../api/events.ts';
import { getIsoScan, startIsoScan, stopIsoScan, type IsoImage, type IsoScan } from '../api/storage.ts';
import { describeFailure, type Failure } from '../common/failure.ts';
import { formatBytes } from '../common/format.ts';
import { t } from './i18n.ts';
import { hostPathOk } from './pool-form.ts';

export interface IsoScanSectionProps {
  /** Prefilled folder of the deep scan (the selected pool's folder). */
  defaultPath?: string;
  /** "Use for a new template": shown only when given. */
  onPickIso?: (path: string) => void;
}

const POLL_MS = 500;

type Phase = 'idle' | 'starting' | 'running' | 'stopping' | 'finished' | 'failed';

function phaseOf(scan: IsoScan | undefined): Phase {
  if (!scan) return 'idle';
  const status = scan.task?.status ?? 'running';
  if (status === 'running') return scan.stop_requested ? 'stopping' : 'running';
  return status === 'cancelled' ? 'failed' : status; // a scan stops through its own stop request, never a task cancel
}

const osOf = (iso: IsoImage) =>
  iso.os_distro && iso.os_distro !== 'unknown' ? `${iso.os_distro} ${iso.os_version === 'unknown' ? '' : iso.os_version}`.trim() : t('scan.unknownOs');

export function IsoScanSection(props: IsoScanSectionProps) {
  const [scan, setScan] = createSignal<IsoScan>();
  const [starting, setStarting] = createSignal(false);
  const [failure, setFailure] = createSignal<Failure>();
  const [typed, setTyped] = createSignal<string>();
  const path = () => typed() ?? props.defaultPath ?? '';

  const phase = (): Phase => (starting() ? 'starting' : phaseOf(scan()));
  const running = () => phase() === 'running';
  const busy = () => phase() === 'starting' || phase() === 'running' || phase() === 'stopping';

  let timer: ReturnType<typeof setTimeout> | undefined;
  const stopPolling = () => { clearTimeout(timer); timer = undefined; };
  onCleanup(stopPolling);

  async function poll(): Promise<void> {
    stopPolling();
    const current = scan();
    if (!current) return;
    try {
      const next = await getIsoScan(current.id);
      if (scan()?.id !== current.id) return; // a newer scan took over
      setScan(next);
    } catch (e) {
      setFailure(describeFailure(e));
    }
    if (busy() && scan()?.id === current.id) timer = setTimeout(() => void poll(), POLL_MS);
  }

  // The scan's task announces its end at once; the poll then picks up the last findings.
  onCleanup(subscribeEvents({
    task: (task) => {
      const current = scan();
      if (current && task.target_uri.endsWith(`/isoscans/${current.id}`) && task.status !== 'running') void poll();
    },
  }));

  async function start(type: 'shallow' | 'deep'): Promise<void> {
    stopPolling();
    setStarting(true);
    setFailure(undefined);
    try {
      setScan(await startIsoScan(type, type === 'deep' ? [path()] : undefined));
      timer = setTimeout(() => void poll(), POLL_MS);
    } catch (e) {
      setFailure(describeFailure(e));
    } finally {
      setStarting(false);
    }
  }

  async function stop(): Promise<void> {
    const current = scan();
    if (!current) return;
    setFailure(undefined);
    try {
      setScan(await stopIsoScan(current.id));
    } catch (e) {
      setFailure(describeFailure(e));
    }
  }

  const status = () => {
    const s = scan();
    switch (phase()) {
      case 'running': return t('scan.running', { files: s?.files ?? 0, isos: s?.isos.length ?? 0 });
      case 'stopping': return t('scan.stopping');
      case 'finished': return t('scan.finished', { message: s?.task?.message ?? '' });
      case 'failed': return t('scan.failed', { message: s?.task?.message ?? '' });
      default: return '';
    }
  };

  return (
    <section class="storage-section" data-testid="iso-scan" data-state={phase()}>
      <div class="toolbar">
        <h3 class="toolbar__title">{t('scan.title')}</h3>
      </div>
      <div class="scan-controls">
        <button type="button" class="button" data-testid="scan-shallow" disabled={busy()} onClick={() => void start('shallow')}>
          {t('scan.shallow')}
        </button>
        <label class="field scan-controls__path">
          <span class="field__label">{t('scan.path')}</span>
          <input class="field__input" data-testid="scan-path" value={path()} placeholder="/var/lib/libvirt/images" disabled={busy()}
            aria-invalid={path() && !hostPathOk(path()) ? 'true' : undefined} onInput={(e) => setTyped(e.currentTarget.value)} />
        </label>
        <button type="button" class="button" data-testid="scan-deep" disabled={busy() || !hostPathOk(path())} onClick={() => void start('deep')}>
          {t('scan.deep')}
        </button>
        <button type="button" class="button button--danger" data-testid="scan-stop" disabled={!running()} onClick={() => void stop()}>
          {t('scan.stop')}
        </button>
      </div>
      <p class="field__hint">{t('scan.shallowHint')}</p>
      <Show when={status()}>
        <p class="scan-status" role="status" data-testid="scan-status">{status()}</p>
      </Show>
      <Show when={failure()}>
        {(f) => <p class="form-error" role="alert" data-testid="scan-error">{f().reason}</p>}
      </Show>
      <Show when={scan()}>
        {(s) => (
          <Show when={s().isos.length > 0} fallback={<Show when={!busy()}><p class="muted" data-testid="scan-none">{t('scan.none')}</p></Show>}>
            <div class="table-frame">
              <table class="data-table storage-table" data-testid="iso-results">
                <thead>
                  <tr>
                    <th>{t('scan.col.path')}</th><th>{t('scan.col.size')}</th><th>{t('scan.col.label')}</th><th>{t('scan.col.os')}</th>
                    <Show when={props.onPickIso}><th>{t('scan.col.actions')}</th></Show>
                  </tr>
                </thead>
                <tbody>
                  <For each={s().isos}>
                    {(iso) => (
                      <tr data-testid="iso-result" data-path={iso.path}>
                        <td class="storage-table__path">{iso.path}</td>
                        <td class="storage-table__number">{formatBytes(iso.size)}</td>
                        <td data-testid="iso-label">{iso.volume_id}</td>
                        <td data-testid="iso-os">{osOf(iso)}</td>
                        <Show when={props.onPickIso}>
                          {(pick) => (
                            <td>
                              <button type="button" class="button" data-testid="iso-use" onClick={() => pick()(iso.path)}>{t('scan.use')}</button>
                            </td>
                          )}
                        </Show>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        )}
      </Show>
    </section>
  );
}
