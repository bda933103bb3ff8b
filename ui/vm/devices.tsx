// The VM's storages (disks, CD-ROMs) and network interfaces as read-only lists, re-read when the VM changes.
import { For, Show, createResource } from 'solid-js';
import { listVmIfaces, listVmStorages, type VmIface, type VmStorage } from '../api/vm-page.ts';
import { describeFailure } from '../common/failure.ts';
import { t, type VmPageKey } from './i18n.ts';

function LoadError(props: { error: unknown }) {
  return <p class="vm-note" data-testid="vm-list-error">{t('devices.loadFailed', { reason: describeFailure(props.error).reason })}</p>;
}

const Pending = (props: { item: { pending?: boolean; note?: string | null } }) => (
  <Show when={props.item.pending}><span class="badge badge--paused" title={props.item.note ?? ''}>{t('pending')}</span></Show>
);

export function VmStorages(props: { name: string; changes: () => number }) {
  const [list] = createResource(() => [props.name, props.changes()] as const, ([name]) => listVmStorages(name));
  return (
    <Show when={!list.error} fallback={<LoadError error={list.error} />}>
      <table class="vm-table" data-testid="vm-storages">
        <thead><tr><th>{t('storage.dev')}</th><th>{t('storage.type')}</th><th>{t('storage.path')}</th></tr></thead>
        <tbody>
          <For each={list.latest ?? []} fallback={<tr><td colSpan={3}>{t('devices.empty')}</td></tr>}>
            {(s: VmStorage) => (
              <tr data-testid="vm-storage" data-dev={s.dev}>
                <td>{s.dev} <Pending item={s} /></td>
                <td>{t(`storage.type.${s.type}` as VmPageKey)}{s.bus ? ` · ${s.bus}` : ''}</td>
                <td class="vm-table__path">{s.path ?? t('storage.empty')}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  );
}

export function VmIfaces(props: { name: string; changes: () => number }) {
  const [list] = createResource(() => [props.name, props.changes()] as const, ([name]) => listVmIfaces(name));
  return (
    <Show when={!list.error} fallback={<LoadError error={list.error} />}>
      <table class="vm-table" data-testid="vm-ifaces">
        <thead><tr><th>{t('iface.mac')}</th><th>{t('iface.source')}</th><th>{t('iface.model')}</th><th>{t('iface.ips')}</th></tr></thead>
        <tbody>
          <For each={list.latest ?? []} fallback={<tr><td colSpan={4}>{t('devices.empty')}</td></tr>}>
            {(i: VmIface) => (
              <tr data-testid="vm-iface" data-mac={i.mac}>
                <td>{i.mac} <Pending item={i} /></td>
                <td>{i.network ?? i.bridge ?? i.type}</td>
                <td>{i.model ?? '—'}</td>
                <td>{i.ips?.length ? i.ips.join(', ') : '—'}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </Show>
  );
}
