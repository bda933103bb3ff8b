// A NIC's cable: Unplug / Plug in (live on a running guest, and saved), toasted; the list is re-read either way.
import { createSignal } from 'solid-js';
import { setVmIfaceLink } from '../api/vm-devices.ts';
import type { VmIface } from '../api/vm-page.ts';
import { toastFailure, toastSuccess } from '../common/toast.ts';
import { t } from './i18n.ts';

export function LinkToggle(props: { vm: string; iface: VmIface; onDone: () => void }) {
  const [busy, setBusy] = createSignal(false);
  const up = () => props.iface.link !== 'down';

  async function toggle(): Promise<void> {
    const mac = props.iface.mac;
    const next = up() ? 'down' : 'up';
    setBusy(true);
    try {
      await setVmIfaceLink(props.vm, mac, next);
      toastSuccess(t(next === 'down' ? 'done.linkDown' : 'done.linkUp', { mac }));
    } catch (e) {
      toastFailure(t('failed.link', { mac }), e);
    } finally {
      setBusy(false);
      props.onDone();
    }
  }

  return (
    <button type="button" class="button" data-testid="vm-nic-link" disabled={busy()} aria-busy={busy() ? 'true' : undefined}
      aria-label={t(up() ? 'nic.unplugLabel' : 'nic.plugLabel', { mac: props.iface.mac })} onClick={() => void toggle()}>
      {up() ? t('nic.unplug') : t('nic.plug')}
    </button>
  );
}
