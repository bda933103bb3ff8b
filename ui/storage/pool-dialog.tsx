// New storage pool: a folder (dir), an NFS export (netfs) or an iSCSI target, the last two discoverable on their server.
import { For, Show, createSignal, type JSX } from 'solid-js';
import { createPool, listStorageTargets, type StoragePool, type StorageTarget } from '../api/storage.ts';
import { describeFailure, type Failure } from '../common/failure.ts';
import { FormDialog, createSubmission } from '../common/form-dialog.tsx';
import { Field, TextField } from '../common/field.tsx';
import { reportFailure } from '../common/report.ts';
import { t, type StorageMessageKey } from './i18n.ts';
import { FORM_TYPES, checkPoolForm, emptyPoolForm, hostOk, toPoolInput, type FormType, type PoolForm } from './pool-form.ts';

export interface CreatePoolDialogProps {
  onClose: () => void;
  onCreated: (pool: StoragePool) => void;
}

type TextKey = 'name' | 'path' | 'host' | 'exportPath' | 'target' | 'port' | 'chapUser' | 'chapPassword';

export function CreatePoolDialog(props: CreatePoolDialogProps) {
  const [form, setForm] = createSignal<PoolForm>(emptyPoolForm());
  const [touched, setTouched] = createSignal<Partial<Record<keyof PoolForm, boolean>>>({});
  const submission = createSubmission();
  const saving = submission.saving;
  const [discovering, setDiscovering] = createSignal(false);
  const [found, setFound] = createSignal<{ host: string; targets: StorageTarget[] }>();
  const [discoverFailure, setDiscoverFailure] = createSignal<Failure>();

  const errors = () => checkPoolForm(form());
  const valid = () => Object.keys(errors()).length === 0;
  const set = <K extends keyof PoolForm>(key: K, value: PoolForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setTouched((seen) => ({ ...seen, [key]: true }));
  };

  async function discover(): Promise<void> {
    const { host, type } = form();
    if (type === 'dir' || !hostOk(host)) return;
    setDiscovering(true);
    setFound(undefined);
    setDiscoverFailure(undefined);
    try {
      setFound({ host, targets: await listStorageTargets(host, type) });
    } catch (e) {
      setDiscoverFailure(describeFailure(e));
    } finally {
      setDiscovering(false);
    }
  }

  function pick(target: StorageTarget): void {
    if (form().type === 'netfs') set('exportPath', target.target);
    else {
      set('target', target.target);
      if (target.port !== undefined) set('port', String(target.port));
    }
  }

  const error = (key: keyof PoolForm) => { const k = touched()[key] ? errors()[key] : undefined; return k ? t(k) : undefined; };
  const Text = (p: {
    key: TextKey; label: StorageMessageKey; hint: StorageMessageKey; placeholder?: string; type?: 'text' | 'password';
    inputMode?: JSX.HTMLAttributes<HTMLInputElement>['inputMode'];
  }) => (
    <TextField label={t(p.label)} hint={t(p.hint)} error={error(p.key)} testId={`pool-${p.key}`} value={form()[p.key]} type={p.type}
      placeholder={p.placeholder} inputMode={p.inputMode} disabled={saving()} onInput={(value) => set(p.key, value)} />
  );

  const Discovery = () => (
    <div class="storage-discovery">
      <button type="button" class="button" data-testid="pool-discover" disabled={saving() || discovering() || !hostOk(form().host)}
        aria-busy={discovering() ? 'true' : undefined} onClick={() => void discover()}>
        {discovering() ? t('form.discovering') : t('form.discover')}
      </button>
      <Show when={discoverFailure()}>
        {(f) => <p class="form-error" role="alert" data-testid="pool-discover-error">{f().reason}</p>}
      </Show>
      <Show when={found()}>
        {(f) => (
          <Show when={f().targets.length > 0} fallback={<p class="field__hint" data-testid="pool-discover-none">{t('form.noTargets', { host: f().host })}</p>}>
            <p class="field__hint">{t('form.found', { host: f().host })}</p>
            <div class="storage-discovery__list" data-testid="pool-discovered">
              <For each={f().targets}>
                {(target) => (
                  <button type="button" class="button" data-testid="pool-discovered-target" disabled={saving()} onClick={() => pick(target)}>
                    {target.target}
                  </button>
                )}
              </For>
            </div>
          </Show>
        )}
      </Show>
    </div>
  );

  async function create(): Promise<void> {
    const input = toPoolInput(form());
    props.onCreated(await reportFailure(() => createPool(input), t('toast.poolCreateFailed', { name: input.name })));
  }

  return (
    <FormDialog title={t('form.title')} testId="pool-create" submission={submission} valid={valid()}
      cancelLabel={t('form.cancel')} submitLabel={t('form.create')} submittingLabel={t('form.creating')}
      onSubmit={create} onClose={props.onClose}>
      <Text key="name" label="form.name" hint="form.nameHint" />
      <Field label={t('form.type')}>
        <select class="field__input" data-testid="pool-type" value={form().type} disabled={saving()}
          onChange={(e) => { set('type', e.currentTarget.value as FormType); setFound(undefined); setDiscoverFailure(undefined); }}>
          <For each={FORM_TYPES}>{(type) => <option value={type}>{t(`pool.type.${type}`)}</option>}</For>
        </select>
      </Field>
      <Show when={form().type === 'dir'}>
        <Text key="path" label="form.path" hint="form.pathHint" placeholder="/var/lib/libvirt/images" />
      </Show>
      <Show when={form().type !== 'dir'}>
        <Text key="host" label="form.server" hint="form.serverHint" placeholder="nfs.example.com" />
        <Discovery />
      </Show>
      <Show when={form().type === 'netfs'}>
        <Text key="exportPath" label="form.export" hint="form.exportHint" placeholder="/srv/images" />
        <Text key="path" label="form.mount" hint="form.mountHint" />
      </Show>
      <Show when={form().type === 'iscsi'}>
        <Text key="target" label="form.target" hint="form.targetHint" />
        <Text key="port" label="form.port" hint="form.portHint" inputMode="numeric" />
        <Text key="chapUser" label="form.chapUser" hint="form.chapUserHint" />
        <Text key="chapPassword" label="form.chapPassword" hint="form.chapPasswordHint" type="password" />
      </Show>
    </FormDialog>
  );
}
