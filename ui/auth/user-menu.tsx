// The header's user: who is logged in and the Logout button (none when the server runs without authentication, nor
// when the host that embeds us logged the user in: its own page logs out).
import { Show, createSignal } from 'solid-js';
import { t } from './i18n.ts';
import { currentUser, logOut } from './session.ts';

export function UserMenu() {
  const [pending, setPending] = createSignal(false);

  async function out(): Promise<void> {
    setPending(true);
    try {
      await logOut();
    } finally {
      setPending(false);
    }
  }

  return (
    <Show when={currentUser()?.open === false ? currentUser() : undefined}>
      {(user) => (
        <div class="header__user" data-testid="user-menu">
          <span class="header__username" title={t('user.signedIn', { name: user().username })}>
            <span data-testid="user-name">{user().username}</span>
            <Show when={user().admin}>
              <span class="visually-hidden"> ({t('user.admin')})</span>
            </Show>
          </span>
          <Show when={!user().hostLogin}>
            <button type="button" class="button" data-testid="logout" disabled={pending()} aria-busy={pending()} onClick={() => void out()}>
              {pending() ? t('user.loggingOut') : t('user.logout')}
            </button>
          </Show>
        </div>
      )}
    </Show>
  );
}
