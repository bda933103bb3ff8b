// The app shell: header with tabs, the global error banner, and the selected section's panel.
import { For, Show, createSignal, type JSX } from 'solid-js';
import { ErrorBanner } from './common/banner.tsx';
import { t } from './common/i18n/index.ts';
import { Placeholder } from './common/placeholder.tsx';
import { createServerState } from './common/server-state.ts';
import { Tabs, panelId, tabId, type TabDef } from './common/tabs.tsx';
import { TemplatesPage } from './templates/page.tsx';
import { GuestsPage } from './vms/page.tsx';

type Section = 'guests' | 'templates' | 'storage' | 'network' | 'host';

const sections: readonly TabDef<Section>[] = [
  { id: 'guests', label: 'tabs.guests' },
  { id: 'templates', label: 'tabs.templates' },
  { id: 'storage', label: 'tabs.storage' },
  { id: 'network', label: 'tabs.network' },
  { id: 'host', label: 'tabs.host' },
];

// Later issues replace these placeholders with each section's page.
const panels: Record<Section, () => JSX.Element> = {
  guests: () => <GuestsPage />,
  templates: () => <TemplatesPage />,
  storage: () => <Placeholder title="storage.empty" hint="storage.emptyHint" />,
  network: () => <Placeholder title="network.empty" hint="network.emptyHint" />,
  host: () => <Placeholder title="host.empty" hint="host.emptyHint" />,
};

export function App() {
  const server = createServerState();
  const [selected, setSelected] = createSignal<Section>('guests');

  const problem = () => {
    const state = server.state();
    return state.kind === 'error' ? state.problem : undefined;
  };
  const disabled = () => problem() !== undefined;

  return (
    <div class="app">
      <header class="header">
        <div class="header__brand">
          <h1 class="header__name">{t('app.name')}</h1>
          <p class="header__tagline">{t('app.tagline')}</p>
        </div>
        <nav class="header__nav">
          <Tabs tabs={sections} selected={selected()} onSelect={setSelected} disabled={disabled()} />
        </nav>
      </header>

      <Show when={problem()}>
        {(current) => <ErrorBanner problem={current()} retrying={server.retrying()} onRetry={server.retry} />}
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
        <For each={sections}>
          {(section) => (
            <section
              class="panel"
              role="tabpanel"
              id={panelId(section.id)}
              data-testid={panelId(section.id)}
              aria-labelledby={tabId(section.id)}
              hidden={selected() !== section.id}
            >
              <h2 class="visually-hidden">{t(section.label)}</h2>
              <Show when={selected() === section.id}>{panels[section.id]()}</Show>
            </section>
          )}
        </For>
      </main>
    </div>
  );
}
