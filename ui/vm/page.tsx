// One VM's page: a header with every lifecycle action, the console on top, then overview, charts, devices, snapshots.
import { Match, Show, Switch, type JSX } from 'solid-js';
import '../common/controls.css';
import { VmCharts } from './charts.tsx';
import { ConsoleSection } from './console-section.tsx';
import { VmIfaces, VmStorages } from './devices.tsx';
import { VmFolders } from './folders.tsx';
import { VmHeader } from './header.tsx';
import { t, type VmPageKey } from './i18n.ts';
import { createLiveVm } from './live.ts';
import { VmOverview } from './overview.tsx';
import { VmMachineSection } from './firmware-section.tsx';
import { closeVmPage, openVmPage, vmPageName } from './route.ts';
import { VmSnapshots } from './snapshots.tsx';
import './vm.css';

export { openVmPage, closeVmPage, vmPageHref, vmPageName } from './route.ts';

export interface VmPageProps { name: string; onClose: () => void }

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

  return (
    <div class="vm-page" data-testid="vm-page" data-name={props.name} data-state={live.vm()?.state ?? (live.gone() ? 'gone' : 'loading')}>
      <VmHeader vm={live.gone() ? undefined : live.vm()} name={props.name} onVm={live.setVm} onBack={props.onClose} onDeleted={props.onClose}
        onMoved={(host) => openVmPage(props.name, host, { replace: true })} />

      <Switch>
        <Match when={live.gone()}><p class="form-error" role="alert">{t('page.missing', { name: props.name })}</p></Match>
        <Match when={!live.vm()}>
          <Show when={live.failure()} fallback={<p role="status">{t('page.loading')}</p>}>
            {(f) => <p class="form-error" role="alert">{f().reason}</p>}
          </Show>
        </Match>
        <Match when={live.vm()}>
          {(vm) => (
            <>
              <ConsoleSection vm={vm()} changes={live.changes} />
              <div class="vm-page__grid">
                <Section title="section.overview" id="overview"><VmOverview vm={vm()} onChanged={live.setVm} /></Section>
                <Section title="section.charts" id="charts"><VmCharts samples={live.samples} /></Section>
                <Section title="section.storages" id="storages"><VmStorages vm={vm()} changes={live.changes} /></Section>
                <Section title="section.ifaces" id="ifaces"><VmIfaces vm={vm()} changes={live.changes} /></Section>
                <Section title="section.folders" id="folders"><VmFolders vm={vm()} changes={live.changes} /></Section>
                <VmMachineSection vm={vm()} changes={live.changes} onSaved={() => void live.refresh()} />
                <Section title="section.snapshots" id="snapshots"><VmSnapshots name={props.name} changes={live.changes} /></Section>
              </div>
            </>
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
