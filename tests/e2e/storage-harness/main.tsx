// Test-only shell for the Storage page while ui/app.tsx does not render it yet; shows the ISO "Use for a new template" picked.
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import '../../../ui/styles.css';
import { StoragePage } from '../../../ui/storage/page.tsx';

const [picked, setPicked] = createSignal('');
render(() => (
  <main class="shell">
    <StoragePage onPickIso={setPicked} />
    <p data-testid="harness-picked">{picked()}</p>
  </main>
), document.getElementById('root')!);
