// The VM's serial console in the page: xterm.js over the one-time-token WebSocket (bytes both ways).
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { Show, createSignal, onCleanup, onMount } from 'solid-js';
import { consoleUrl } from '../api/consoles.ts';
import { describeFailure } from '../common/failure.ts';
import { t } from './i18n.ts';

type Phase = 'connecting' | 'connected' | 'closed' | 'failed';

export function SerialConsole(props: { name: string }) {
  let box!: HTMLDivElement;
  let term: Terminal | undefined;
  let ws: WebSocket | undefined;
  const [phase, setPhase] = createSignal<Phase>('connecting');
  const [error, setError] = createSignal<string>();

  const stop = () => {
    const s = ws;
    ws = undefined;
    s?.close(1000);
  };

  async function start(): Promise<void> {
    stop();
    setError(undefined);
    setPhase('connecting');
    let url: string;
    try {
      url = await consoleUrl(props.name, 'serial');
    } catch (e) {
      setError(t('console.failed', { reason: describeFailure(e).reason }));
      setPhase('failed');
      return;
    }
    const s = new WebSocket(url);
    s.binaryType = 'arraybuffer';
    s.onopen = () => { if (ws === s) { setPhase('connected'); term?.focus(); } };
    s.onmessage = (e: MessageEvent<ArrayBuffer | string>) => term?.write(typeof e.data === 'string' ? e.data : new Uint8Array(e.data));
    s.onclose = () => { if (ws === s) { ws = undefined; setPhase('closed'); } };
    ws = s;
  }

  onMount(() => {
    term = new Terminal({ cols: 80, rows: 25, convertEol: false, cursorBlink: true, fontSize: 14, scrollback: 2000 });
    term.open(box);
    // Keystrokes go out as text; the server hands them to the console as UTF-8 bytes.
    term.onData((d) => { if (ws?.readyState === WebSocket.OPEN) ws.send(d); });
    void start();
  });
  onCleanup(() => { stop(); term?.dispose(); });

  return (
    <div class="vm-console" data-testid="serial-console" data-phase={phase()}>
      <div class="vm-console__bar">
        <span class="vm-console__status" role="status">
          {phase() === 'connecting' ? t('console.connecting') : phase() === 'connected' ? t('console.connected') : t('console.closed')}
        </span>
        <Show when={phase() === 'connected' || phase() === 'connecting'}
          fallback={<button type="button" class="button button--primary" data-testid="serial-connect" onClick={() => void start()}>{t('console.reconnect')}</button>}>
          <button type="button" class="button" data-testid="serial-disconnect" onClick={stop}>{t('console.disconnect')}</button>
        </Show>
      </div>
      <Show when={error()}>{(e) => <p class="form-error" role="alert">{e()}</p>}</Show>
      <div class="vm-console__term" ref={box} />
    </div>
  );
}
