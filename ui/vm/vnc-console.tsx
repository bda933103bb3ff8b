// The VM's screen in the page: noVNC over the one-time-token WebSocket, scaled to fit, Ctrl+Alt+Del and full screen.
import RFB from '@novnc/novnc';
import { Show, onCleanup, onMount, type JSX } from 'solid-js';
import { createConsoleLink, type ConsoleLink } from './console-link.ts';
import { t } from './i18n.ts';

export function VncConsole(props: { name: string; /** Drawn first in the console's bar (the console-type tabs). */ tabs?: JSX.Element }) {
  let frame!: HTMLDivElement;
  let screen!: HTMLDivElement;
  const link: ConsoleLink<RFB> = createConsoleLink({
    kind: 'vnc',
    name: () => props.name,
    initial: 'idle',
    open: (url) => {
      const r = new RFB(screen, url, { shared: true, wsProtocols: ['binary'] });
      r.scaleViewport = true; // fit the element, aspect ratio kept
      r.resizeSession = false;
      r.background = '#111';
      r.addEventListener('connect', () => link.opened(r));
      r.addEventListener('disconnect', () => link.closed(r));
      return r;
    },
    close: (r) => r.disconnect(),
  });
  const { phase, error, start, stop } = link;
  const rfb = () => link.current();

  const fullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void frame.requestFullscreen?.().then(() => rfb()?.focus());
  };

  onMount(() => void start());
  onCleanup(stop);

  return (
    <div class="vm-console" data-testid="vnc-console" data-phase={phase()}>
      <div class="vm-console__bar">
        {props.tabs}
        <span class="vm-console__status" role="status">{link.status()}</span>
        <button type="button" class="button" data-testid="vnc-ctrl-alt-del" disabled={phase() !== 'connected'}
          onClick={() => rfb()?.sendCtrlAltDel()}>
          {t('console.ctrlAltDel')}
        </button>
        <button type="button" class="button" data-testid="vnc-fullscreen" onClick={fullscreen}>{t('console.fullscreen')}</button>
        <Show when={phase() === 'connected' || phase() === 'connecting'}
          fallback={<button type="button" class="button button--primary" data-testid="vnc-connect" onClick={() => void start()}>{t('console.reconnect')}</button>}>
          <button type="button" class="button" data-testid="vnc-disconnect" onClick={stop}>{t('console.disconnect')}</button>
        </Show>
      </div>
      <Show when={error()}>{(e) => <p class="form-error" role="alert">{e()}</p>}</Show>
      <div class="vm-console__frame" ref={frame}>
        <div class="vm-console__screen" data-testid="vnc-screen" ref={screen} />
      </div>
    </div>
  );
}
