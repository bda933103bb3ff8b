// The login page: a host user's name and password, the server's translated reason on failure, the wait after too many.
import { Show, createSignal, onCleanup, onMount } from 'solid-js';
import { ApiError } from '../api/client.ts';
import { describeFailure, type Failure } from '../common/failure.ts';
import { t as common } from '../common/i18n/index.ts';
import { t } from './i18n.ts';
import { logIn } from './session.ts';
import '../common/controls.css';
import './login.css';

export function LoginPage() {
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [pending, setPending] = createSignal(false);
  const [failure, setFailure] = createSignal<Failure>();
  // 429: seconds left of the server's Retry-After; the button waits them out.
  const [wait, setWait] = createSignal(0);
  let timer: ReturnType<typeof setInterval> | undefined;
  let userField: HTMLInputElement | undefined;
  let passwordField: HTMLInputElement | undefined;

  onMount(() => (username() ? passwordField : userField)?.focus());
  onCleanup(() => clearInterval(timer));

  function countDown(seconds: number): void {
    clearInterval(timer);
    setWait(seconds);
    timer = setInterval(() => {
      setWait((left) => Math.max(0, left - 1));
      if (wait() === 0) clearInterval(timer);
    }, 1000);
  }

  const ready = () => username().trim() !== '' && password() !== '' && !pending() && wait() === 0;

  async function submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!ready()) return;
    setPending(true);
    setFailure(undefined);
    try {
      await logIn(username().trim(), password());
    } catch (e) {
      setFailure(describeFailure(e));
      if (e instanceof ApiError && e.status === 429) countDown(e.retryAfter ?? 1);
      setPassword('');
      passwordField?.focus();
    } finally {
      setPending(false);
    }
  }

  return (
    <main class="login" data-testid="login-page">
      <form class="login__card form" method="post" noValidate onSubmit={(e) => void submit(e)} aria-busy={pending()}>
        <div class="login__brand">
          <h1 class="login__name">{common('app.name')}</h1>
          <p class="login__tagline">{common('app.tagline')}</p>
        </div>
        <h2 class="login__title">{t('login.title')}</h2>
        <p class="login__intro">{t('login.intro')}</p>

        <label class="field">
          <span class="field__label">{t('login.username')}</span>
          <input
            ref={userField}
            class="field__input login__input"
            data-testid="login-username"
            name="username"
            type="text"
            autocomplete="username"
            autocapitalize="none"
            autocorrect="off"
            spellcheck={false}
            required
            maxLength={64}
            value={username()}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field__label">{t('login.password')}</span>
          <input
            ref={passwordField}
            class="field__input login__input"
            data-testid="login-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            maxLength={4096}
            value={password()}
            aria-invalid={failure() ? 'true' : undefined}
            aria-describedby={failure() ? 'login-error' : undefined}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>

        <Show when={failure()}>
          {(f) => (
            <p class="form-error" id="login-error" role="alert" data-testid="login-error" data-code={f().code}>
              {f().reason}
            </p>
          )}
        </Show>

        <button type="submit" class="button button--primary login__submit" data-testid="login-submit" disabled={!ready()} aria-busy={pending()}>
          {pending() ? t('login.pending') : wait() > 0 ? t('login.wait', { seconds: wait() }) : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
