// "Install automatically" in the New guest dialog: offered only when osinfo-db has an install script for the chosen ISO's
// OS (GET /isos says so); checked, it asks for the user, password, language, time zone and, for Windows, the product key.
import { For, Show } from 'solid-js';
import { FieldMessage } from '../../common/field.tsx';
import { osLabel, type GuestForm } from './form.ts';
import { timeZones, type UaField } from './unattended-form.ts';
import { t, type UaKey } from './unattended-i18n.ts';

const LABELS: Record<UaField, UaKey> = { uaUser: 'user', uaPassword: 'password', uaLocale: 'locale', uaTimezone: 'timezone', uaProductKey: 'productKey' };

/** The label of an unattended field, for the line beside Create that names what is missing. */
export const uaLabel = (field: string): string | undefined => (field in LABELS ? t(LABELS[field as UaField]) : undefined);

export function UnattendedFields(props: { form: GuestForm; disabled: boolean }) {
  const ua = props.form.unattended;
  const offer = () => props.form.media()?.unattended;
  // As the other fields: a problem shows once the user left or typed in the field, or tried to create (form.ts).
  const problem = (f: UaField) => props.form.shownProblem(f);
  const input = (f: UaField, hint: string, attrs: { type?: string; autocomplete?: string; list?: string; placeholder?: string } = {}) => (
    <label class="field">
      <span class="field__label">{t(LABELS[f])}</span>
      <input class="field__input" data-testid={`vm-create-${f}`} value={ua.value(f)} disabled={props.disabled} spellcheck={false}
        type={attrs.type ?? 'text'} autocomplete={attrs.autocomplete ?? 'off'} list={attrs.list} placeholder={attrs.placeholder}
        aria-invalid={problem(f) ? 'true' : undefined} onInput={(e) => { ua.edit(f, e.currentTarget.value); props.form.touch(f); }}
        onBlur={() => props.form.touch(f)} />
      <FieldMessage hint={hint} error={problem(f)} errorTestId={`vm-create-${f}-error`} />
    </label>
  );
  return (
    <Show when={offer()}>
      <fieldset class="vm-create__cloud" data-testid="vm-create-unattended" disabled={props.disabled}>
        <legend class="field__label">{t('legend')}</legend>
        <label class="check">
          <input type="checkbox" data-testid="vm-create-unattended-toggle" checked={ua.on()} onChange={(e) => ua.setOn(e.currentTarget.checked)} />
          <span>{t('toggle')}</span>
        </label>
        <span class="field__hint">{t('toggle.hint', { os: osLabel(props.form.media()!) })}</span>
        <Show when={ua.on()}>
          <div class="field-row">
            {input('uaUser', t('user.hint'), { placeholder: 'alice' })}
            {input('uaPassword', t('password.hint'), { type: 'password', autocomplete: 'new-password' })}
          </div>
          <div class="field-row">
            {input('uaLocale', t('locale.hint'))}
            <Show when={ua.uses(offer()!, 'timezone')}>{input('uaTimezone', t('timezone.hint'), { list: 'vm-create-timezones' })}</Show>
          </div>
          <datalist id="vm-create-timezones"><For each={timeZones()}>{(z) => <option value={z} />}</For></datalist>
          <Show when={ua.uses(offer()!, 'product_key')}>{input('uaProductKey', t('productKey.hint'), { placeholder: 'XXXXX-XXXXX-XXXXX-XXXXX-XXXXX' })}</Show>
        </Show>
      </fieldset>
    </Show>
  );
}
