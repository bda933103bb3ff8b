// A labelled form field: its control, then its hint or — once there is one — its error (`<testId>-error`).
import { Show, type JSX } from 'solid-js';

export interface FieldProps {
  /** Already translated: each page folder has its own catalog. */
  label: string;
  hint?: string;
  /** The translated error to show instead of the hint; undefined while the field is fine (or untouched). */
  error?: string;
  /** data-testid of the error line. */
  errorTestId?: string;
  children: JSX.Element;
}

/** The hint, or the error in its place. */
export function FieldMessage(props: { hint?: string; error?: string; errorTestId?: string }) {
  return (
    <Show when={props.error} fallback={<Show when={props.hint}>{(hint) => <span class="field__hint">{hint()}</span>}</Show>}>
      {(error) => <span class="field__error" data-testid={props.errorTestId}>{error()}</span>}
    </Show>
  );
}

export function Field(props: FieldProps) {
  return (
    <label class="field">
      <span class="field__label">{props.label}</span>
      {props.children}
      <FieldMessage hint={props.hint} error={props.error} errorTestId={props.errorTestId} />
    </label>
  );
}

export interface TextFieldProps {
  label: string;
  hint?: string;
  error?: string;
  /** data-testid of the input; its error line is `<testId>-error`. */
  testId: string;
  value: string;
  placeholder?: string;
  inputMode?: JSX.HTMLAttributes<HTMLInputElement>['inputMode'];
  /** `password` hides what is typed and keeps browsers from offering saved logins. */
  type?: 'text' | 'password';
  disabled?: boolean;
  onInput: (value: string) => void;
}

/** A text input in a Field, marked aria-invalid while it shows an error. */
export function TextField(props: TextFieldProps) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error} errorTestId={`${props.testId}-error`}>
      <input
        class="field__input"
        data-testid={props.testId}
        type={props.type ?? 'text'}
        autocomplete={props.type === 'password' ? 'new-password' : undefined}
        value={props.value}
        placeholder={props.placeholder}
        inputMode={props.inputMode}
        disabled={props.disabled}
        aria-invalid={props.error ? 'true' : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </Field>
  );
}
