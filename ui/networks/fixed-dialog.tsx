// A network's fixed DHCP addresses: the list with a remove button per MAC, and a small form to add one (applied live).
import { For, Show, createSignal } from 'solid-js';
import { addDhcpHost, removeDhcpHost, type Network } from '../api/networks.ts';
import { Dialog } from '../common/dialog.tsx';
import { TextField } from '../common/field.tsx';
import { report } from '../common/report.ts';
import { ipToInt } from './form.ts';
import { t } from './i18n.ts';

const MAC = /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/;

export interface FixedAddressesDialogProps {
  network: Network;
  /** Re-read the network after a change (the dialog shows what the store holds). */
  onChanged: () => Promise<unknown>;
  onClose: () => void;
}

export function FixedAddressesDialog(props: FixedAddressesDialogProps) {
  const [mac, setMac] = createSignal('');
  const [ip, setIp] = createSignal('');
  const [hostname, setHostname] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const name = () => props.network.name;
  const macError = () => (mac() && !MAC.test(mac().trim()) ? t('err.mac') : undefined);
  const ipError = () => (ip() && ipToInt(ip()) === undefined ? t('err.ip') : undefined);
  const ready = () => MAC.test(mac().trim()) && ipToInt(ip()) !== undefined && !busy();

  async function run(work: () => Promise<unknown>, done: string, failed: string): Promise<boolean> {
    setBusy(true);
    const ok = await report(work, { done, failed });
    await props.onChanged();
    setBusy(false);
    return ok;
  }
  async function add(e: Event): Promise<void> {
    e.preventDefault();
    if (!ready()) return;
    const host = { mac: mac().trim(), ip: ip().trim(), ...(hostname().trim() ? { name: hostname().trim() } : {}) };
    const vars = { mac: host.mac, ip: host.ip, name: name() };
    if (await run(() => addDhcpHost(name(), host), t('toast.fixedAdded', vars), t('toast.fixedAddFailed', vars))) {
      setMac(''); setIp(''); setHostname('');
    }
  }

  return (
    <Dialog title={t('fixed.title', { name: name() })} testId="network-fixed-dialog" busy={busy()} onClose={props.onClose}
      footer={<button type="button" class="button" data-testid="network-fixed-close" onClick={() => props.onClose()}>{t('fixed.close')}</button>}>
      <p>{t('fixed.intro')}</p>
      <Show when={props.network.dhcp} fallback={<p class="form-error" data-testid="network-fixed-unavailable">{t('fixed.noIpv4')}</p>}>
        <Show when={props.network.dhcp_hosts.length > 0} fallback={<p data-testid="network-fixed-empty">{t('fixed.empty')}</p>}>
          <ul class="network-fixed" data-testid="network-fixed-list">
            <For each={props.network.dhcp_hosts}>
              {(h) => (
                <li class="network-fixed__item" data-testid="network-fixed-item" data-mac={h.mac ?? ''}>
                  <span class="network-fixed__mac">{h.mac ?? '—'}</span>
                  <span>{h.ip}</span>
                  <span class="network-fixed__name">{h.name ?? ''}</span>
                  <Show when={h.mac}>
                    {(m) => (
                      <button type="button" class="button button--danger" data-testid="network-fixed-remove" disabled={busy()}
                        aria-label={t('fixed.remove', { mac: m() })}
                        onClick={() => void run(() => removeDhcpHost(name(), m()), t('toast.fixedRemoved', { mac: m(), name: name() }),
                          t('toast.fixedRemoveFailed', { mac: m(), name: name() }))}>
                        ✕
                      </button>
                    )}
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <form class="network-fixed__form" data-testid="network-fixed-form" onSubmit={(e) => void add(e)}>
          <TextField label={t('fixed.mac')} testId="network-fixed-mac" value={mac()} error={macError()} placeholder="52:54:00:12:34:56"
            disabled={busy()} onInput={setMac} />
          <TextField label={t('fixed.ip')} testId="network-fixed-ip" value={ip()} error={ipError()} inputMode="decimal"
            placeholder={props.network.dhcp?.start} disabled={busy()} onInput={setIp} />
          <TextField label={t('fixed.hostname')} hint={t('fixed.hostnameHint')} testId="network-fixed-hostname" value={hostname()}
            disabled={busy()} onInput={setHostname} />
          <button type="submit" class="button button--primary" data-testid="network-fixed-add" disabled={!ready()}>
            {t(busy() ? 'fixed.adding' : 'fixed.add')}
          </button>
        </form>
      </Show>
    </Dialog>
  );
}
