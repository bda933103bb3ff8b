// The VM's serial console in the page: xterm.js over the one-time-token WebSocket (bytes both ways).
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { Show, onCleanup, onMount, type JSX } from 'solid-js';
import { createConsoleLink, type ConsoleLink } from './console-link.ts';
import { t } from './i18n.ts';

export function SerialConsole(props: { name: string; /** Drawn first in the console's bar (the console-type tabs). */ tabs?: JSX.Element }) {
  let box!: HTMLDivElement;
  let term: Terminal | undefined;
  const link: ConsoleLink<WebSocket> = createConsoleLink({
    kind: 'serial',
    name: () => props.name,
    initial: 'connecting',
    open: (url) => {
      const s = new WebSocket(url);
      s.binaryType = 'arraybuffer';
      s.onopen = () => { if (link.opened(s)) term?.focus(); };
      s.onmessage = (e: MessageEvent<ArrayBuffer | string>) => term?.write(typeof e.data === 'string' ? e.data : new Uint8Array(e.data));
      s.onclose = () => link.closed(s);
      return s;
    },
    close: (s) => s.close(1000),
  });
  const { phase, error, start, stop } = link;

  onMount(() => {
    term = new Terminal({ cols: 80, rows: 25, convertEol: false, cursorBlink: true, fontSize: 14, scrollback: 2000 });
    term.open(box);
    // Keystrokes go out as text; the server hands them to the console as UTF-8 bytes.
    term.onData((d) => { const ws = link.current(); if (ws?.readyState === WebSocket.OPEN) ws.send(d); });
    void start();
  });
  onCleanup(() => { stop(); term?.dispose(); });

  return (
    <div class="vm-console" data-testid="serial-console" data-phase={phase()}>
      <div class="vm-console__bar">
        {props.tabs}
        <span class="vm-console__status" role="status">{link.status()}</span>
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
