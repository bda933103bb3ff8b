// A labelled form field: its control, then its hint or — once there is one — its error (`<testId>-error`).
import { Show, createSignal, type JSX } from 'solid-js';

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

/**
 * Which fields may show their error: one the user has left (blur) or typed in, or all of them once the user tried to
 * submit. A form that opens empty is not red before anyone did anything.
 */
export function createTouched<K extends string>() {
  const [seen, setSeen] = createSignal<ReadonlySet<K>>(new Set());
  const [all, setAll] = createSignal(false);
  const touched = (key: K) => all() || seen().has(key);
  return {
    touched,
    touch: (key: K) => { if (!seen().has(key)) setSeen((s) => new Set(s).add(key)); },
    /** A submission was tried: every field shows what is wrong with it. */
    touchAll: (): void => { setAll(true); },
    /** `error` while `key` may show it, else undefined. */
    shown: <E,>(key: K, error: E | undefined): E | undefined => (touched(key) ? error : undefined),
  };
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
