// Test-only shell for the VM page while ui/app.tsx does not route to it yet: the page at #/vms/<name>, else a note.
import { render } from 'solid-js/web';
import '../../../ui/styles.css';
import { VmPageRoute } from '../../../ui/vm/page.tsx';

render(() => <main class="shell"><VmPageRoute fallback={<p data-testid="harness-list">no VM selected</p>} /></main>, document.getElementById('root')!);
