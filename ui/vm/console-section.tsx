// The guest's console at the top of its page: VNC, and a Serial tab only when the guest has a serial port.
import { Match, Show, Switch, createResource, createSignal, lazy, onMount, type JSX } from 'solid-js';
import type { Vm } from '../api/index.ts';
import { addVmSerial, listVmSerials } from '../api/vm-devices.ts';
import { isAdmin } from '../auth/session.ts';
import { route, setQuery } from '../common/route.ts';
import { toastFailure, toastSuccess } from '../common/toast.ts';
import { t } from './i18n.ts';
import { latestOf } from '../common/resource.ts';

// noVNC and xterm.js are most of the page's weight: load them when a console is first shown.
const VncConsole = lazy(() => import('./vnc-console.tsx').then((m) => ({ default: m.VncConsole })));
const SerialConsole = lazy(() => import('./serial-console.tsx').then((m) => ({ default: m.SerialConsole })));

const LIVE = ['running', 'paused', 'blocked'];

/** `?tab=serial` shows the serial console; `?tab=console` (or nothing) the graphical one. */
export function ConsoleSection(props: { vm: Vm; changes: () => number }) {
  let section: HTMLElement | undefined;
  const [serials, { refetch }] = createResource(() => [props.vm.name, props.changes(), props.vm.state] as const, ([name]) => listVmSerials(name));
  const [adding, setAdding] = createSignal(false);
  const running = () => LIVE.includes(props.vm.state);
  const hasSerial = () => (latestOf(serials) ?? []).length > 0;
  const kind = () => (route().query.get('tab') === 'serial' && hasSerial() ? 'serial' : 'vnc');

  // Opened as `#/vms/<name>?tab=console` (after a create): bring the console into view even on a short screen.
  onMount(() => { if (route().query.has('tab')) section?.scrollIntoView({ block: 'nearest' }); });

  async function addSerial(): Promise<void> {
    setAdding(true);
    try {
      await addVmSerial(props.vm.name);
      toastSuccess(t('done.serialAdd', { name: props.vm.name }));
      void refetch();
    } catch (e) {
      toastFailure(t('failed.serialAdd', { name: props.vm.name }), e);
    } finally {
      setAdding(false);
    }
  }

  const Tab = (p: { id: 'vnc' | 'serial'; label: string }) => (
    <button type="button" role="tab" class="button vm-console-tab" data-testid={`vm-console-${p.id}`} aria-selected={kind() === p.id}
      onClick={() => setQuery({ tab: p.id === 'serial' ? 'serial' : 'console' })}>{p.label}</button>
  );
  const tabs = (): JSX.Element => (
    <div class="vm-console-tabs" role="tablist" aria-label={t('console.kind')}>
      <Tab id="vnc" label={t('console.vnc')} />
      <Show when={hasSerial()}><Tab id="serial" label={t('console.serial')} /></Show>
    </div>
  );

  return (
    <section ref={section} class="vm-section vm-section--console" data-testid="vm-section-console" aria-labelledby="vm-section-console"
      data-serial={latestOf(serials) === undefined ? 'loading' : hasSerial() ? 'yes' : 'no'}>
      <h3 class="visually-hidden" id="vm-section-console">{t('section.console')}</h3>
      <Show when={running()} fallback={
        <div class="vm-console__off">
          <h3 class="vm-section__title">{t('section.console')}</h3>
          <p class="vm-note">{t('console.notRunning')}</p>
        </div>
      }>
        <Switch>
          <Match when={kind() === 'vnc' && props.vm.graphics.type !== 'vnc'}>
            <div class="vm-console__bar">{tabs()}</div>
            {/* Not a dead end: the way to a console without graphics. */}
            <p class="vm-note" data-testid="vm-console-novnc">
              {t('console.noVnc')} {hasSerial() ? t('console.noVncSerial') : isAdmin() && props.vm.persistent ? t('console.noVncAdd') : ''}
            </p>
          </Match>
          <Match when={kind() === 'vnc'}><VncConsole name={props.vm.name} tabs={tabs()} /></Match>
          <Match when={kind() === 'serial'}><SerialConsole name={props.vm.name} tabs={tabs()} /></Match>
        </Switch>
      </Show>
      <Show when={latestOf(serials) !== undefined && !hasSerial() && isAdmin() && props.vm.state === 'shutoff' && props.vm.persistent}>
        <p class="vm-console__serial-offer" data-testid="vm-serial-offer">
          <span class="vm-note">{t('serial.none')} {t('serial.addHint')}</span>
          <button type="button" class="button" data-testid="vm-serial-add" disabled={adding()} aria-busy={adding() ? 'true' : undefined}
            onClick={() => void addSerial()}>{t('serial.add')}</button>
        </p>
      </Show>
    </section>
  );
}
