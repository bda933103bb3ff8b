// The guest's settings, pre-filled from the source: name, memory, vCPUs, disk size (osinfo-db's numbers shown), pool,
// network, "Start after creating" and "Save these settings as a template" — each checked as the user types.
import { For, Show } from 'solid-js';
import { FieldMessage } from '../../common/field.tsx';
import { formatBytes } from '../../storage/format.ts';
import type { GuestData } from './data.ts';
import type { GuestForm } from './form.ts';
import { t } from './i18n.ts';
import { t as uaT } from './unattended-i18n.ts';

type NumberField = 'memory' | 'cpus' | 'disk';

export function Settings(props: { data: GuestData; form: GuestForm; disabled: boolean; nameRef: (el: HTMLInputElement) => void }) {
  const f = props.form;
  // Shown once the user left the field, typed in it or tried to create (an empty form does not open in red).
  const problem = (key: keyof ReturnType<GuestForm['problems']>) => f.shownProblem(key);
  const recommended = (field: NumberField) => {
    const m = f.media();
    if (!m || f.imports()) return undefined;
    const value = field === 'memory' ? `${m.recommended.memory} MiB` : field === 'cpus' ? String(m.recommended.cpus) : `${m.recommended.disk} GiB`;
    return t('recommended', { value });
  };
  const numberField = (field: NumberField, label: string) => (
    <label class="field">
      <span class="field__label">{label}</span>
      <input class="field__input" data-testid={`vm-create-${field}`} inputMode={field === 'disk' ? 'decimal' : 'numeric'}
        value={f.value(field)} disabled={props.disabled} aria-invalid={problem(field) ? 'true' : undefined}
        onInput={(e) => f.edit(field, e.currentTarget.value)} onBlur={() => f.touch(field)} />
      <FieldMessage hint={recommended(field)} error={problem(field)} errorTestId={`vm-create-${field}-error`} />
    </label>
  );

  return (
    <div class="vm-create__settings">
      <label class="field">
        <span class="field__label">{t('name')}</span>
        <input ref={props.nameRef} class="field__input" data-testid="vm-create-name" value={f.value('name')} disabled={props.disabled}
          autocomplete="off" spellcheck={false} aria-invalid={problem('name') ? 'true' : undefined}
          onInput={(e) => f.edit('name', e.currentTarget.value)} onBlur={() => f.touch('name')} />
        <FieldMessage error={problem('name')} errorTestId="vm-create-name-error" />
      </label>
      <div class="field-row">
        {numberField('memory', t('memory'))}
        {numberField('cpus', t('cpus'))}
        <Show when={f.makesDisk()}>{numberField('disk', t('disk'))}</Show>
      </div>
      <div class="field-row">
        <label class="field">
          <span class="field__label">{t('pool')}</span>
          <select class="field__input" data-testid="vm-create-pool" value={f.value('pool')} disabled={props.disabled}
            aria-invalid={problem('pool') ? 'true' : undefined} onChange={(e) => f.edit('pool', e.currentTarget.value)} onBlur={() => f.touch('pool')}>
            <Show when={!(props.data.pools()?.length)}><option value="">{t('pool.none')}</option></Show>
            <For each={props.data.pools() ?? []}>
              {(p) => <option value={p.name} selected={p.name === f.value('pool')}>{t('poolOption', { name: p.name, free: formatBytes(p.available) })}</option>}
            </For>
          </select>
          <FieldMessage error={problem('pool')} />
        </label>
        <label class="field">
          <span class="field__label">{t('network')}</span>
          <select class="field__input" data-testid="vm-create-network" value={f.value('network')} disabled={props.disabled}
            onChange={(e) => f.edit('network', e.currentTarget.value)}>
            <For each={props.data.networks() ?? []}>
              {(n) => <option value={n.name} selected={n.name === f.value('network')}>{n.name}</option>}
            </For>
            <option value="" selected={f.value('network') === ''}>{t('network.none')}</option>
          </select>
        </label>
      </div>
      <div class="vm-create__checks">
        {/* An unattended install starts the installer at once: the box shows it, and says why it cannot be unchecked. */}
        <div>
          <label class="check">
            <input type="checkbox" data-testid="vm-create-start" checked={f.start() || !!f.ua()} disabled={props.disabled || !!f.ua()}
              aria-describedby={f.ua() ? 'vm-create-start-hint' : undefined} onChange={(e) => f.setStart(e.currentTarget.checked)} />
            <span>{t('start')}</span>
          </label>
          <Show when={f.ua()}><span class="field__hint" id="vm-create-start-hint" data-testid="vm-create-start-hint">{uaT('start.locked')}</span></Show>
        </div>
        <Show when={!f.imports()} fallback={<p class="field__hint">{t('imageNoTemplate')}</p>}>
          <label class="check">
            <input type="checkbox" data-testid="vm-create-save-template" checked={f.save()} disabled={props.disabled}
              onChange={(e) => { f.setSave(e.currentTarget.checked); if (!f.saveName()) f.setSaveName(f.value('name').replace(/-\d+$/, '')); }} />
            <span>{t('saveTemplate')}</span>
          </label>
        </Show>
      </div>
      <Show when={f.save() && !f.imports()}>
        <label class="field">
          <span class="field__label">{t('templateName')}</span>
          <input class="field__input" data-testid="vm-create-template-name" value={f.saveName()} disabled={props.disabled}
            aria-invalid={problem('saveName') ? 'true' : undefined} onInput={(e) => { f.setSaveName(e.currentTarget.value); f.touch('saveName'); }}
            onBlur={() => f.touch('saveName')} />
          <FieldMessage error={problem('saveName')} errorTestId="vm-create-template-name-error" />
        </label>
      </Show>
    </div>
  );
}
