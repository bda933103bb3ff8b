// The guest's shared folders (host directories it mounts by tag): the list, Add and Remove, only while it is shut off.
import { Show, createResource, createSignal } from 'solid-js';
import type { Vm } from '../api/index.ts';
import { listVmFolders, removeVmFolder, type VmFolder } from '../api/vm-folders.ts';
import { ConfirmDialog } from '../common/confirm-dialog.tsx';
import { toastFailure, toastSuccess } from '../common/toast.ts';
import { FolderDialog } from './folder-dialog.tsx';
import { t } from './i18n.ts';
import { ActionsCell, SectionTable } from './section-table.tsx';
import { latestOf } from '../common/resource.ts';

export function VmFolders(props: { vm: Vm; changes: () => number }) {
  const [bump, setBump] = createSignal(0);
  const [list] = createResource(() => [props.vm.name, props.changes(), bump()] as const, ([name]) => listVmFolders(name));
  const [edit, setEdit] = createSignal<{ kind: 'remove'; f: VmFolder } | { kind: 'add' }>();
  const reload = () => setBump((n) => n + 1);
  const name = () => props.vm.name;
  const close = () => setEdit(undefined);
  const shutoff = () => props.vm.state === 'shutoff';

  async function remove(f: VmFolder): Promise<void> {
    try {
      await removeVmFolder(name(), f.tag);
      toastSuccess(t('done.folderRemove', { tag: f.tag, name: name() }));
    } catch (e) {
      toastFailure(t('failed.folderRemove', { tag: f.tag }), e);
      throw e;
    } finally {
      reload();
    }
  }

  return (
    <SectionTable testId="vm-folders" error={list.error} items={latestOf(list)} empty={t('devices.emptyFeminine')}
      columns={[t('folder.tag'), t('folder.source'), t('folder.access')]}
      note={<Show when={!shutoff()}><p class="vm-note" data-testid="vm-folders-running">{t('folder.running')}</p></Show>}
      toolbar={<button type="button" class="button" data-testid="vm-folder-add" disabled={!shutoff()} onClick={() => setEdit({ kind: 'add' })}>+ {t('folder.add')}</button>}
      row={(f: VmFolder) => (
        <tr data-testid="vm-folder" data-tag={f.tag}>
          <td>{f.tag} <Show when={f.pending}><span class="badge badge--paused" title={f.note ?? ''}>{t('pending')}</span></Show></td>
          <td class="vm-dtable__path">{f.source}</td>
          <td>{f.readonly ? t('folder.readonly') : t('folder.readwrite')}</td>
          <ActionsCell>
            <button type="button" class="button button--danger" data-testid="vm-folder-remove" disabled={!shutoff()}
              aria-label={t('folder.removeLabel', { tag: f.tag })} onClick={() => setEdit({ kind: 'remove', f })}>{t('folder.remove')}</button>
          </ActionsCell>
        </tr>
      )}>
      <Show when={edit()} keyed>
        {(e) => e.kind === 'add' ? <FolderDialog vm={name()} onClose={close} onDone={reload} /> : (
          <ConfirmDialog title={t('folder.removeTitle', { tag: e.f.tag, name: name() })} confirmLabel={t('folder.remove')}
            testId="vm-folder-remove-dialog" partsTestId="vm-folder-remove" action={() => remove(e.f)} onDone={close} onClose={close}>
            <p>{t('folder.removeBody', { source: e.f.source })}</p>
          </ConfirmDialog>
        )}
      </Show>
    </SectionTable>
  );
}
