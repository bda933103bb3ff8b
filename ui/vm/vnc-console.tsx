// The VM's screen in the page: noVNC over the one-time-token WebSocket, scaled to fit, Ctrl+Alt+Del and full screen.
import RFB from '@novnc/novnc';
import { Show, createSignal, onCleanup, onMount } from 'solid-js';
import { consoleUrl } from '../api/consoles.ts';
import { describeFailure } from '../common/failure.ts';
import { t } from './i18n.ts';

type Phase = 'idle' | 'connecting' | 'connected' | 'closed' | 'failed';

export function VncConsole(props: { name: string }) {
  let frame!: HTMLDivElement;
  let screen!: HTMLDivElement;
  let rfb: RFB | undefined;
  const [phase, setPhase] = createSignal<Phase>('idle');
  const [error, setError] = createSignal<string>();

  const stop = () => {
    const r = rfb;
    rfb = undefined;
    r?.disconnect();
  };

  async function start(): Promise<void> {
    stop();
    setError(undefined);
    setPhase('connecting');
    let url: string;
    try {
      url = await consoleUrl(props.name, 'vnc');
    } catch (e) {
      setError(t('console.failed', { reason: describeFailure(e).reason }));
      setPhase('failed');
      return;
    }
    const r = new RFB(screen, url, { shared: true, wsProtocols: ['binary'] });
    r.scaleViewport = true; // fit the element, aspect ratio kept
    r.resizeSession = false;
    r.background = '#111';
    r.addEventListener('connect', () => { if (rfb === r) setPhase('connected'); });
    r.addEventListener('disconnect', () => { if (rfb === r) { rfb = undefined; setPhase('closed'); } });
    rfb = r;
  }

  const fullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void frame.requestFullscreen?.().then(() => rfb?.focus());
  };

  onMount(() => void start());
  onCleanup(stop);

  return (
    <div class="vm-console" data-testid="vnc-console" data-phase={phase()}>
      <div class="vm-console__bar">
        <span class="vm-console__status" role="status">
          {phase() === 'connecting' ? t('console.connecting') : phase() === 'connected' ? t('console.connected') : t('console.closed')}
        </span>
        <button type="button" class="button" data-testid="vnc-ctrl-alt-del" disabled={phase() !== 'connected'}
          onClick={() => rfb?.sendCtrlAltDel()}>
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
