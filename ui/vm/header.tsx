// The guest page's header: back link, name, state, the action that fits the state, the others beside it or in a menu.
import { For, Show, createSignal } from 'solid-js';
import { actionAllowed, type Vm, type VmAction } from '../api/index.ts';
import { vmHost } from '../api/vms.ts';
import { isAdmin } from '../auth/session.ts';
import { DeleteVmDialog } from '../vms/delete-dialog.tsx';
import { toastSuccess } from '../common/toast.ts';
import { ActionsMenu, type MenuItem } from './actions-menu.tsx';
import { t, type VmPageKey } from './i18n.ts';
import { createLifecycle, shutdownWaitMs } from './lifecycle.ts';
import { TemplateDialog } from './template-dialog.tsx';
import { hostsStore } from '../hosts/store.ts';
import { t as migrationT } from '../migration/i18n.ts';
import { MigrateDialog } from '../migration/migrate-dialog.tsx';
import { MIGRATABLE_STATES } from '../migration/states.ts';
import { PendingMarker } from './firmware-pending.tsx';

type Extra = 'clone' | 'template' | 'migrate' | 'delete';
type Action = VmAction | Extra;

/** The one action a state calls for, first match wins. */
const PRIMARY: readonly VmAction[] = ['start', 'resume', 'shutdown', 'poweroff'];
/** Shown as buttons beside the primary one when allowed; everything else allowed goes in the menu. */
const SECONDARY: readonly VmAction[] = ['suspend', 'reset'];
const MENU: readonly Action[] = ['poweroff', 'reboot', 'reset', 'nmi', 'suspend', 'migrate', 'clone', 'template', 'delete'];
/** What a user who is not an administrator may do to a VM shared with them (the server refuses the rest). */
const USER_ACTIONS: readonly Action[] = ['start', 'shutdown', 'poweroff'];

export interface VmHeaderProps {
  vm: Vm | undefined;
  name: string;
  onVm: (vm: Vm) => void;
  onBack: () => void;
  onDeleted: () => void;
  /** The guest now lives on `host` (a migration ended). */
  onMoved: (host: string) => void;
}

export function VmHeader(props: VmHeaderProps) {
  const life = createLifecycle(() => props.name, () => props.vm, props.onVm);
  const [dialog, setDialog] = createSignal<'template' | 'delete'>();
  // The guest as it was when Migrate… was chosen: the dialog must outlive the guest's page on this host (the guest
  // leaves it before the Task reports the end).
  const [migrating, setMigrating] = createSignal<Vm>();

  const allowed = (a: Action): boolean => {
    const vm = props.vm;
    if (!vm || (!isAdmin() && !USER_ACTIONS.includes(a))) return false;
    if (a === 'clone' || a === 'template') return vm.state === 'shutoff';
    // Only where there is somewhere to go: another host registered.
    if (a === 'migrate') return MIGRATABLE_STATES.has(vm.state) && hostsStore().list.length > 1;
    if (a === 'delete') return true;
    return actionAllowed(vm.state, a);
  };
  const primary = () => (life.shuttingDown() ? undefined : PRIMARY.find(allowed));
  const secondary = () => SECONDARY.filter((a) => a !== primary() && allowed(a));
  const menu = () => MENU.filter((a) => a !== primary() && !(secondary() as readonly Action[]).includes(a) && allowed(a));

  const label = (a: Action) => (a === 'migrate' ? migrationT('menu') : t(`action.${a}` as VmPageKey));
  const select = (a: Action) => {
    if (a === 'migrate') setMigrating(props.vm);
    else if (a === 'template' || a === 'delete') setDialog(a);
    else if (a === 'clone') void life.clone();
    else void life.run(a);
  };
  const item = (a: Action): MenuItem => ({ id: `action-${a}`, label: label(a), danger: a === 'delete' || a === 'poweroff', onSelect: () => select(a) });

  const ActionButton = (p: { action: Action; primary?: boolean }) => (
    <button type="button" class="button vm-head__action" classList={{ 'button--primary': p.primary }}
      data-testid={`vm-page-action-${p.action}`} disabled={life.busy() !== undefined}
      aria-busy={life.busy() === p.action ? 'true' : undefined} onClick={() => select(p.action)}>
      {label(p.action)}
    </button>
  );

  return (
    <header class="vm-head">
      <a class="button vm-head__back" data-testid="vm-page-back" href="#/guests"
        onClick={(e) => { e.preventDefault(); props.onBack(); }}>← {t('page.back')}</a>
      <div class="vm-head__title">
        <h2 class="vm-page__name" title={props.name}>{props.name}</h2>
        <Show when={props.vm && hostsStore().list.length > 1 ? props.vm : undefined}>
          {(vm) => <span class="vm-head__host" data-testid="vm-page-host">{migrationT('on', { host: vmHost(vm()) })}</span>}
        </Show>
        <Show when={props.vm}>
          {(vm) => <span class={`badge badge--${vm().state}`} data-testid="vm-page-state" data-state={vm().state}>{t(`state.${vm().state}` as VmPageKey)}</span>}
        </Show>
        <PendingMarker vm={props.vm} />
      </div>
      <Show when={props.vm}>
        <div class="vm-head__actions" role="group" aria-label={t('action.group', { name: props.name })} data-testid="vm-page-actions">
          <Show when={life.shuttingDown()}>
            <span class="vm-head__status" role="status" data-testid="vm-page-shutting-down">
              <span class="vm-head__spinner" aria-hidden="true" />{t('action.shuttingDown')}
            </span>
            <Show when={life.slow()}>
              <button type="button" class="button button--danger-solid vm-head__action" data-testid="vm-page-poweroff-instead"
                disabled={life.busy() !== undefined} aria-describedby="vm-head-slow" onClick={() => void life.run('poweroff')}>
                {t('action.poweroffInstead')}
              </button>
            </Show>
          </Show>
          <Show when={primary()}>{(a) => <ActionButton action={a()} primary />}</Show>
          <For each={secondary()}>{(a) => <ActionButton action={a} />}</For>
          <Show when={menu().length > 0}>
            <ActionsMenu label={t('action.more')} testId="vm-page-more" items={menu().map(item)} />
          </Show>
        </div>
      </Show>
      <Show when={life.slow()}>
        <p class="vm-head__note" id="vm-head-slow" role="status" data-testid="vm-page-shutdown-slow">
          {t('action.shutdownSlow', { seconds: Math.round(shutdownWaitMs() / 1000) })}
        </p>
      </Show>
      <Show when={dialog() === 'template'}>
        <TemplateDialog name={props.name} onClose={() => setDialog(undefined)} />
      </Show>
      <Show when={migrating()}>
        {(vm) => <MigrateDialog vm={vm()} onClose={() => setMigrating(undefined)} onMigrated={(host) => props.onMoved(host)} />}
      </Show>
      <Show when={dialog() === 'delete' && props.vm}>
        {(vm) => (
          <DeleteVmDialog vm={vm() as Vm} onClose={() => setDialog(undefined)}
            onDeleted={(name) => { setDialog(undefined); toastSuccess(t('done.delete', { name })); props.onDeleted(); }} />
        )}
      </Show>
    </header>
  );
}
