// One guest as a card: name, title, state badge, vCPUs, memory, graphics, live stats and the actions its state allows.
import { For, Show } from 'solid-js';
import { actionAllowed, type Vm, type VmAction } from '../api/index.ts';
import { isAdmin } from '../auth/session.ts';
import { t, type MessageKey } from '../common/i18n/index.ts';
import { formatMiB } from '../common/format.ts';
import { vmPageHref } from '../vm/route.ts';
import type { VmStore } from './store.ts';
import { VmStats } from './stats.tsx';

export interface VmCardProps {
  vm: Vm;
  store: VmStore;
  onClone: (vm: Vm) => void;
  onDelete: (vm: Vm) => void;
}

const ACTIONS: readonly VmAction[] = ['start', 'shutdown', 'poweroff', 'reset', 'suspend', 'resume'];
/** What a user who is not an administrator may do to a VM shared with them (the server refuses the rest). */
const USER_ACTIONS: readonly VmAction[] = ['start', 'shutdown', 'poweroff'];

export const stateLabel = (state: Vm['state']) => t(`vm.state.${state}` as MessageKey);

export function VmCard(props: VmCardProps) {
  const pending = () => props.store.pending(props.vm.name);
  const active = () => props.vm.state !== 'shutoff' && props.vm.state !== 'crashed' && props.vm.state !== 'nostate';
  const graphics = () => {
    const g = props.vm.graphics;
    if (!g.type) return t('vm.graphics.none');
    return g.port ? `${g.type.toUpperCase()} :${g.port}` : g.type.toUpperCase();
  };

  return (
    <article
      class="card vm-card"
      data-testid="vm-card"
      data-name={props.vm.name}
      data-state={props.vm.state}
      data-pending={pending() ?? undefined}
      aria-busy={pending() ? 'true' : undefined}
    >
      <header class="vm-card__head">
        <Show when={props.vm.icon} fallback={<span class="vm-card__icon vm-card__icon--none" aria-hidden="true" />}>
          {(icon) => <img class="vm-card__icon" src={icon()} alt="" />}
        </Show>
        <div class="vm-card__names">
          <h3 class="vm-card__name" data-testid="vm-name">{props.vm.name}</h3>
          <Show when={props.vm.title}>
            <p class="vm-card__title">{props.vm.title}</p>
          </Show>
        </div>
        <span class={`badge badge--${props.vm.state}`} data-testid="vm-state" data-state={props.vm.state}>
          {stateLabel(props.vm.state)}
        </span>
      </header>

      <dl class="card__facts vm-card__facts">
        <div><dt>{t('vm.vcpus')}</dt><dd data-testid="vm-vcpus">{props.vm.cpus || props.vm.cpu_info.vcpus}</dd></div>
        <div><dt>{t('vm.memory')}</dt><dd data-testid="vm-memory">{formatMiB(props.vm.memory.current)}</dd></div>
        <div><dt>{t('vm.graphics')}</dt><dd data-testid="vm-graphics">{graphics()}</dd></div>
      </dl>

      <Show when={active()}>
        <VmStats stats={props.vm.stats} />
      </Show>

      <Show when={props.store.failure(props.vm.name)}>
        {(failure) => <p class="vm-card__error" role="alert" data-testid="vm-error">{failure().reason}</p>}
      </Show>

      <div class="vm-card__actions" role="group" aria-label={t('vm.actions', { name: props.vm.name })}>
        <a class="button vm-card__action vm-card__open" data-testid="vm-open" href={vmPageHref(props.vm.name)}>
          {t('vm.open')}
        </a>
        <For each={isAdmin() ? ACTIONS : USER_ACTIONS}>
          {(action) => (
            <button
              type="button"
              class="button vm-card__action"
              classList={{ 'button--primary': action === 'start' }}
              data-testid={`vm-action-${action}`}
              disabled={!actionAllowed(props.vm.state, action) || pending() !== undefined}
              aria-busy={pending() === action ? 'true' : undefined}
              onClick={() => void props.store.act(props.vm.name, action)}
            >
              {t(`vm.action.${action}`)}
            </button>
          )}
        </For>
        <Show when={isAdmin()}>
          <button
            type="button"
            class="button vm-card__action"
            data-testid="vm-clone"
            disabled={props.vm.state !== 'shutoff' || pending() !== undefined}
            aria-busy={pending() === 'clone' ? 'true' : undefined}
            onClick={() => props.onClone(props.vm)}
          >
            {t('vm.clone')}
          </button>
          <button
            type="button"
            class="button button--danger vm-card__action"
            data-testid="vm-delete"
            disabled={pending() !== undefined}
            onClick={() => props.onDelete(props.vm)}
          >
            {t('vm.delete')}
          </button>
        </Show>
      </div>
    </article>
  );
}
