// The app: the login page until someone is logged in, then the shell — header with tabs and user, the global
// error banner, and the section the URL names (#/guests, #/templates…; #/vms/<name> is a VM's page in Guests).
import { For, Match, Show, Suspense, Switch, createEffect, createMemo, lazy, on, onCleanup, onMount, type JSX } from 'solid-js';
import { ApiError } from './api/index.ts';
import { t as authT } from './auth/i18n.ts';
import { LoginPage } from './auth/login-page.tsx';
import { isAdmin, probeSession, session } from './auth/session.ts';
import { UserMenu } from './auth/user-menu.tsx';
import { ErrorBanner } from './common/banner.tsx';
import { t } from './common/i18n/index.ts';
import { navigate, route } from './common/route.ts';
import { createServerState } from './common/server-state.ts';
import { toastFailure, toastSuccess } from './common/toast.ts';
import { Toaster } from './common/toaster.tsx';
import { Tabs, panelId, tabId, type TabDef } from './common/tabs.tsx';
import { TaskDrawer } from './tasks/drawer.tsx';
import { newTemplateFromIso } from './templates/iso-handoff.ts';
import { closeVmPage, vmPageName } from './vm/route.ts';
import { GuestsPage } from './vms/page.tsx';
import { hostChoice, pageHost } from './api/scope.ts';
import { HostSwitcher } from './hosts/switcher.tsx';
import './auth/user-menu.css';

type Section = 'guests' | 'templates' | 'storage' | 'network' | 'host' | 'hosts';

const sections: readonly TabDef<Section>[] = [
  { id: 'guests', label: 'tabs.guests' },
  { id: 'templates', label: 'tabs.templates' },
  { id: 'storage', label: 'tabs.storage' },
  { id: 'network', label: 'tabs.network' },
  { id: 'host', label: 'tabs.host' },
  { id: 'hosts', label: 'tabs.hosts' },
];

/** What a user who is not an administrator may open: their VMs (the server answers 403 to the rest anyway). */
const USER_SECTIONS: ReadonlySet<Section> = new Set(['guests']);

// Only the Guests list comes with the first load; every other page (and a guest's page with its consoles) is its
// own chunk, fetched when first shown — the issue caps first-load JavaScript at 90 KB.
const TemplatesPage = lazy(() => import('./templates/page.tsx').then((m) => ({ default: m.TemplatesPage })));
const StoragePage = lazy(() => import('./storage/page.tsx').then((m) => ({ default: m.StoragePage })));
const NetworkPage = lazy(() => import('./networks/page.tsx').then((m) => ({ default: m.NetworkPage })));
const HostPage = lazy(() => import('./host/page.tsx').then((m) => ({ default: m.HostPage })));
const HostsPage = lazy(() => import('./hosts/page.tsx').then((m) => ({ default: m.HostsPage })));
const VmPageRoute = lazy(() => import('./vm/page.tsx').then((m) => ({ default: m.VmPageRoute })));

const panels: Record<Section, (show: (s: Section) => void) => JSX.Element> = {
  guests: () => (
    <Show when={vmPageName()} fallback={<GuestsPage />}>
      <VmPageRoute fallback={<GuestsPage />} />
    </Show>
  ),
  templates: () => <TemplatesPage />,
  // "Use for a new template" on a scanned ISO opens the Templates tab's dialog with that ISO.
  storage: (show) => <StoragePage onPickIso={(path) => newTemplateFromIso(path, () => show('templates'))} />,
  network: () => <NetworkPage />,
  host: () => <HostPage />,
  hosts: () => <HostsPage />,
};

/** What a section shows depends on the chosen host: the Guests list on the choice (All hosts too), the rest on one host. */
const scopeOf = (section: Section): string => (section === 'guests' ? hostChoice() : section === 'hosts' ? 'any' : pageHost());

export function App() {
  onMount(() => void probeSession());

  return (
    <Switch>
      <Match when={session().kind === 'anonymous'}>
        <LoginPage />
      </Match>
      <Match when={session().kind === 'user'}>
        <Shell />
      </Match>
      <Match when={session().kind === 'offline'}>
        <Offline />
      </Match>
      <Match when={session().kind === 'loading'}>
        <p class="app__status" role="status" data-testid="session-loading">
          {authT('login.checking')}
        </p>
      </Match>
    </Switch>
  );
}

/** The server did not answer the session probe: say so and ask again every few seconds. */
function Offline() {
  const retry = setInterval(() => void probeSession(), 3000);
  onCleanup(() => clearInterval(retry));
  return (
    <div class="app__status" role="alert" data-testid="session-offline">
      <p>{authT('login.offline')}</p>
      <button type="button" class="button" data-testid="session-retry" onClick={() => void probeSession()}>
        {authT('login.retry')}
      </button>
    </div>
  );
}

function Shell() {
  const server = createServerState();
  const visible = () => (isAdmin() ? sections : sections.filter((s) => USER_SECTIONS.has(s.id)));
  // The URL picks the section; a VM's page (#/vms/<name>) lives in Guests; anything unknown shows Guests.
  const selected = createMemo<Section>(() => {
    const first = route().path[0];
    if (first === 'vms') return 'guests';
    return visible().find((s) => s.id === first)?.id ?? 'guests';
  });
  // The Guests tab on a guest's page goes back to the list as it was left (All hosts stays All hosts).
  const setSelected = (section: Section) => (section === 'guests' && vmPageName() ? closeVmPage() : navigate([section]));

  // The window title names the view, so history and bookmarks read "Storage — Kimchi".
  createEffect(() => {
    const vm = route().path[0] === 'vms' ? route().path[1] : undefined;
    document.title = `${vm ?? t(sections.find((one) => one.id === selected())!.label)} — ${t('app.name')}`;
  });
  // After Back/Forward or a link changed the section, focus would be lost in a hidden panel (or left on the body):
  // move it to the new section's heading. Focus the user put somewhere visible (a tab, a search box) stays there.
  createEffect(on(() => route().path.join('/'), () => {
    queueMicrotask(() => {
      const active = document.activeElement;
      // A tab that is no longer the selected one hands focus to the one that is (the tab bar keeps it).
      if (active?.getAttribute('role') === 'tab' && active.getAttribute('aria-selected') !== 'true') {
        document.getElementById(tabId(selected()))?.focus({ preventScroll: true });
        return;
      }
      const lost = !active || active === document.body || !active.isConnected || active.closest('[hidden]') !== null;
      if (lost) document.getElementById(`${panelId(selected())}-title`)?.focus({ preventScroll: true });
    });
  }, { defer: true }));

  const problem = () => {
    const state = server.state();
    return state.kind === 'error' ? state.problem : undefined;
  };
  const disabled = () => problem() !== undefined;
  // Retry reports its outcome like every action: the server is back, or why it still is not.
  async function retry(): Promise<void> {
    const after = await server.retry();
    if (after.kind === 'ok') toastSuccess(t('banner.recovered'));
    else if (after.kind === 'error') toastFailure(t('banner.stillFailing'), new ApiError(0, after.problem.code ?? '', after.problem.reason));
  }

  return (
    <div class="app">
      <header class="header">
        <div class="header__brand">
          <h1 class="header__name">{t('app.name')}</h1>
          <p class="header__tagline">{t('app.tagline')}</p>
        </div>
        <nav class="header__nav">
          <Tabs tabs={visible()} selected={selected()} onSelect={setSelected} disabled={disabled()} />
        </nav>
        <div class="header__tools">
          <HostSwitcher />
          <Show when={isAdmin()}>
            <TaskDrawer />
          </Show>
          <UserMenu />
        </div>
      </header>

      <Show when={problem()}>
        {(current) => <ErrorBanner problem={current()} retrying={server.retrying()} onRetry={() => void retry()} />}
      </Show>

      <main
        class="shell"
        classList={{ 'shell--disabled': disabled() }}
        data-testid="shell"
        data-state={server.state().kind}
        aria-disabled={disabled() ? 'true' : undefined}
        inert={disabled()}
      >
        <Show when={server.state().kind === 'loading'}>
          <p class="shell__loading" role="status">
            {t('app.loading')}
          </p>
        </Show>
        <For each={visible()}>
          {(section) => (
            <section
              class="panel"
              role="tabpanel"
              id={panelId(section.id)}
              data-testid={panelId(section.id)}
              aria-labelledby={tabId(section.id)}
              hidden={selected() !== section.id}
            >
              <h2 class="visually-hidden" id={`${panelId(section.id)}-title`} tabIndex={-1}>{t(section.label)}</h2>
              <Show when={selected() === section.id}>
                <Suspense fallback={<p class="shell__loading" role="status">{t('app.loadingPage')}</p>}>
                  {/* Keyed by the host it shows: choosing another host starts the page afresh on that host's data. */}
                  <Show when={scopeOf(section.id)} keyed>
                    {(_host) => panels[section.id](setSelected)}
                  </Show>
                </Suspense>
              </Show>
            </section>
          )}
        </For>
      </main>
      <Toaster />
    </div>
  );
}
