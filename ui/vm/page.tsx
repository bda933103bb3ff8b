// One VM's page: overview with edits, live charts, VNC and serial consoles, storages, interfaces and snapshots.
import { Match, Show, Switch, createSignal, lazy, type JSX } from 'solid-js';
import '../common/controls.css';
import { VmCharts } from './charts.tsx';
import { VmIfaces, VmStorages } from './devices.tsx';
import { t, type VmPageKey } from './i18n.ts';
import { createLiveVm } from './live.ts';
import { VmOverview } from './overview.tsx';
import { closeVmPage, vmPageName } from './route.ts';
import { VmSnapshots } from './snapshots.tsx';
import './vm.css';

export { openVmPage, closeVmPage, vmPageHref, vmPageName } from './route.ts';

// noVNC and xterm.js are most of the page's weight: load them when a console is first shown.
const VncConsole = lazy(() => import('./vnc-console.tsx').then((m) => ({ default: m.VncConsole })));
const SerialConsole = lazy(() => import('./serial-console.tsx').then((m) => ({ default: m.SerialConsole })));

export interface VmPageProps { name: string; onClose: () => void }

const LIVE = ['running', 'paused', 'blocked'];

function Section(props: { title: VmPageKey; id: string; children: JSX.Element }) {
  return (
    <section class="vm-section" data-testid={`vm-section-${props.id}`} aria-labelledby={`vm-section-${props.id}`}>
      <h3 class="vm-section__title" id={`vm-section-${props.id}`}>{t(props.title)}</h3>
      {props.children}
    </section>
  );
}

export function VmPage(props: VmPageProps) {
  const live = createLiveVm(() => props.name);
  const [consoleKind, setConsoleKind] = createSignal<'vnc' | 'serial'>('vnc');
  const running = () => LIVE.includes(live.vm()?.state ?? '');

  return (
    <div class="vm-page" data-testid="vm-page" data-name={props.name} data-state={live.vm()?.state ?? (live.gone() ? 'gone' : 'loading')}>
      <div class="vm-page__head">
        <button type="button" class="button" data-testid="vm-page-back" onClick={() => props.onClose()}>← {t('page.back')}</button>
        <h2 class="vm-page__name">{props.name}</h2>
        <Show when={live.vm()}>
          {(vm) => <span class={`badge badge--${vm().state}`} data-testid="vm-page-state">{t(`state.${vm().state}` as VmPageKey)}</span>}
        </Show>
      </div>

      <Switch>
        <Match when={live.gone()}><p class="form-error" role="alert">{t('page.missing', { name: props.name })}</p></Match>
        <Match when={!live.vm()}>
          <Show when={live.failure()} fallback={<p role="status">{t('page.loading')}</p>}>
            {(f) => <p class="form-error" role="alert">{f().reason}</p>}
          </Show>
        </Match>
        <Match when={live.vm()}>
          {(vm) => (
            <div class="vm-page__grid">
              <Section title="section.overview" id="overview"><VmOverview vm={vm()} onChanged={live.setVm} /></Section>
              <Section title="section.charts" id="charts"><VmCharts samples={live.samples} /></Section>
              <Section title="section.console" id="console">
                <div class="vm-console-tabs" role="tablist">
                  <button type="button" role="tab" class="button" data-testid="vm-console-vnc" aria-selected={consoleKind() === 'vnc'}
                    onClick={() => setConsoleKind('vnc')}>{t('console.vnc')}</button>
                  <button type="button" role="tab" class="button" data-testid="vm-console-serial" aria-selected={consoleKind() === 'serial'}
                    onClick={() => setConsoleKind('serial')}>{t('console.serial')}</button>
                </div>
                <Show when={running()} fallback={<p class="vm-note">{t('console.notRunning')}</p>}>
                  <Switch>
                    <Match when={consoleKind() === 'vnc' && vm().graphics.type !== 'vnc'}><p class="vm-note">{t('console.noVnc')}</p></Match>
                    <Match when={consoleKind() === 'vnc'}><VncConsole name={props.name} /></Match>
                    <Match when={consoleKind() === 'serial'}><SerialConsole name={props.name} /></Match>
                  </Switch>
                </Show>
              </Section>
              <Section title="section.storages" id="storages"><VmStorages name={props.name} changes={live.changes} /></Section>
              <Section title="section.ifaces" id="ifaces"><VmIfaces name={props.name} changes={live.changes} /></Section>
              <Section title="section.snapshots" id="snapshots"><VmSnapshots name={props.name} changes={live.changes} /></Section>
            </div>
          )}
        </Match>
      </Switch>
    </div>
  );
}

/** The VM page when the address is `#/vms/<name>`, else `fallback` (the Guests list): the app shell's one hook. */
export function VmPageRoute(props: { fallback: JSX.Element }) {
  return (
    <Show when={vmPageName()} fallback={props.fallback} keyed>
      {(name) => <VmPage name={name} onClose={closeVmPage} />}
    </Show>
  );
}
