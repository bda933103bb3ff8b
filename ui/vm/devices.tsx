// The VM's storages (disks, CD-ROMs) and network interfaces: lists re-read on every change, with their edits.
import { Show, createResource, createSignal } from 'solid-js';
import type { Vm } from '../api/index.ts';
import { detachVmIface, setCdromMedium } from '../api/vm-devices.ts';
import { listVmIfaces, listVmStorages, type VmIface, type VmStorage } from '../api/vm-page.ts';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { toastFailure, toastSuccess } from '../common/toast.ts';
import { CdromDialog } from './cdrom-dialog.tsx';
import { DiskDialog } from './disk-dialog.tsx';
import { DiskRemoveDialog } from './disk-remove.tsx';
import { GrowDialog } from './grow-dialog.tsx';
import { t, type VmPageKey } from './i18n.ts';
import { LinkToggle } from './link-toggle.tsx';
import { NicDialog } from './nic-dialog.tsx';
import { ActionsCell, SectionTable } from './section-table.tsx';
import { latestOf } from '../common/resource.ts';

const Pending = (props: { item: { pending?: boolean; note?: string | null } }) => (
  <Show when={props.item.pending}><span class="badge badge--paused" title={props.item.note ?? ''}>{t('pending')}</span></Show>
);

/** Run a change, toast its outcome, re-read the list; rethrow so a confirmation dialog keeps the reason too. */
async function outcome(work: () => Promise<unknown>, done: string, failed: string, reload: () => void): Promise<void> {
  try {
    await work();
    toastSuccess(done);
  } catch (e) {
    toastFailure(failed, e);
    throw e;
  } finally {
    reload();
  }
}

type StorageEdit = { kind: 'cdrom' | 'eject' | 'remove' | 'grow'; s: VmStorage } | { kind: 'add' };

export function VmStorages(props: { vm: Vm; changes: () => number }) {
  const [bump, setBump] = createSignal(0);
  const [list] = createResource(() => [props.vm.name, props.changes(), bump()] as const, ([name]) => listVmStorages(name));
  const [edit, setEdit] = createSignal<StorageEdit>();
  const reload = () => setBump((n) => n + 1);
  const name = () => props.vm.name;
  const close = () => setEdit(undefined);

  return (
    <SectionTable testId="vm-storages" error={list.error} items={latestOf(list)}
      columns={[t('storage.dev'), t('storage.type'), t('storage.path')]}
      toolbar={<button type="button" class="button" data-testid="vm-disk-add" onClick={() => setEdit({ kind: 'add' })}>+ {t('disk.add')}</button>}
      row={(s: VmStorage) => (
        <tr data-testid="vm-storage" data-dev={s.dev} data-type={s.type} data-path={s.path ?? ''}>
          <td>{s.dev} <Pending item={s} /></td>
          <td>{t(`storage.type.${s.type}` as VmPageKey)}{s.bus ? ` · ${s.bus}` : ''}</td>
          <td class="vm-dtable__path">{s.path ?? t('storage.empty')}</td>
          <ActionsCell>
            <Show when={s.type === 'cdrom'}>
              <button type="button" class="button" data-testid="vm-cdrom-change" onClick={() => setEdit({ kind: 'cdrom', s })}>
                {s.path ? t('cdrom.change') : t('cdrom.insert')}
              </button>
              <Show when={s.path}>
                <button type="button" class="button" data-testid="vm-cdrom-eject" onClick={() => setEdit({ kind: 'eject', s })}>{t('cdrom.eject')}</button>
              </Show>
            </Show>
            <Show when={s.type === 'disk'}>
              <button type="button" class="button" data-testid="vm-disk-grow" aria-label={t('grow.label', { dev: s.dev })} onClick={() => setEdit({ kind: 'grow', s })}>{t('grow.action')}</button>
            </Show>
            <Show when={s.type !== 'cdrom'}>
              <button type="button" class="button button--danger" data-testid="vm-disk-remove" onClick={() => setEdit({ kind: 'remove', s })}>{t('disk.remove')}</button>
            </Show>
          </ActionsCell>
        </tr>
      )}>
      <Show when={edit()} keyed>
        {(e) => e.kind === 'add' ? <DiskDialog vm={name()} onClose={close} onDone={reload} />
          : e.kind === 'cdrom' ? <CdromDialog vm={name()} dev={e.s.dev} path={e.s.path} onClose={close} onDone={reload} />
            : e.kind === 'eject' ? (
              <ConfirmDialog title={t('cdrom.ejectTitle', { dev: e.s.dev })} confirmLabel={t('cdrom.eject')} testId="vm-eject-dialog" partsTestId="vm-eject"
                action={() => outcome(() => setCdromMedium(name(), e.s.dev, null), t('done.eject', { dev: e.s.dev }), t('failed.eject', { dev: e.s.dev }), reload)}
                onDone={close} onClose={close}>
                <p>{t('cdrom.ejectBody', { path: e.s.path ?? '' })}</p>
              </ConfirmDialog>
            ) : e.kind === 'grow' ? <GrowDialog vm={name()} disk={e.s} onClose={close} onDone={reload} />
              : <DiskRemoveDialog vm={name()} disk={e.s} shutoff={props.vm.state === 'shutoff'} onClose={close} onDone={reload} />}
      </Show>
    </SectionTable>
  );
}

export function VmIfaces(props: { vm: Vm; changes: () => number }) {
  const [bump, setBump] = createSignal(0);
  const [list] = createResource(() => [props.vm.name, props.changes(), bump()] as const, ([name]) => listVmIfaces(name));
  const [edit, setEdit] = createSignal<{ kind: 'remove'; i: VmIface } | { kind: 'add' }>();
  const reload = () => setBump((n) => n + 1);
  const name = () => props.vm.name;
  const close = () => setEdit(undefined);

  return (
    <SectionTable testId="vm-ifaces" error={list.error} items={latestOf(list)} empty={t('devices.emptyFeminine')}
      columns={[t('iface.mac'), t('iface.source'), t('iface.model'), t('iface.ips')]}
      toolbar={<button type="button" class="button" data-testid="vm-nic-add" onClick={() => setEdit({ kind: 'add' })}>+ {t('nic.add')}</button>}
      row={(i: VmIface) => (
        <tr data-testid="vm-iface" data-mac={i.mac} data-link={i.link ?? 'up'}>
          <td>{i.mac} <Pending item={i} /><Show when={i.link === 'down'}> <span class="badge badge--paused" data-testid="vm-iface-link">{t('iface.linkDown')}</span></Show></td>
          <td class="vm-dtable__path">{i.network ?? i.bridge ?? (i.source_dev ? `${i.source_dev} · ${i.mode ?? 'bridge'}` : i.type)}</td>
          <td>{i.model ?? '—'}</td>
          <td data-testid="vm-iface-ips" class="vm-dtable__path">
            {i.ips?.length ? i.ips.join(', ') : '—'}
            <Show when={i.reserved_ip && !i.ips?.includes(i.reserved_ip)}>{' '}{t('iface.reserved', { ip: i.reserved_ip ?? '' })}</Show>
          </td>
          <ActionsCell>
            <LinkToggle vm={name()} iface={i} onDone={reload} />
            <button type="button" class="button button--danger" data-testid="vm-nic-remove" onClick={() => setEdit({ kind: 'remove', i })}>{t('nic.remove')}</button>
          </ActionsCell>
        </tr>
      )}>
      <Show when={edit()} keyed>
        {(e) => e.kind === 'add' ? <NicDialog vm={name()} onClose={close} onDone={reload} /> : (
          <ConfirmDialog title={t('nic.removeTitle', { mac: e.i.mac })} confirmLabel={t('nic.remove')} testId="vm-nic-remove-dialog" partsTestId="vm-nic-remove"
            action={() => outcome(() => detachVmIface(name(), e.i.mac), t('done.nicRemove', { mac: e.i.mac }), t('failed.nicRemove', { mac: e.i.mac }), reload)}
            onDone={close} onClose={close}>
            <p>{t('nic.removeBody', { network: e.i.network ?? e.i.bridge ?? e.i.type })}</p>
          </ConfirmDialog>
        )}
      </Show>
    </SectionTable>
  );
}
