// The host's PCI and USB devices as a table: product and vendor names (hex ids only as a small second line),
// kind, driver, IOMMU group, and which guests hold each.
import { For, Show } from 'solid-js';
import type { HostDevice } from '../api/host.ts';
import { t } from './i18n.ts';

/** "Ethernet Connection (7) I219-V", or the vendor's name, or "Unknown device" when the lists know neither. */
const title = (d: HostDevice) => d.product.description ?? (d.vendor.description ? `${d.vendor.description} ${d.product.id ?? ''}`.trim() : t('host.devices.unnamed'));
const ids = (d: HostDevice) => [d.vendor.id, d.product.id].map((x) => x?.replace(/^0x/, '') ?? '?').join(':');

export function DeviceTable(props: { devices: HostDevice[] }) {
  return (
    <Show when={props.devices.length} fallback={<p data-testid="host-devices-empty">{t('host.devices.empty')}</p>}>
      <div class="table-frame host-devices__frame">
        <table class="data-table host-devices" data-testid="host-devices">
          <thead>
            <tr>
              <th>{t('host.devices.name')}</th><th>{t('host.devices.kind')}</th><th>{t('host.devices.driver')}</th>
              <th>{t('host.devices.iommu')}</th><th>{t('host.devices.holders')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.devices}>
              {(d) => (
                <tr data-testid="host-device" data-name={d.name}>
                  <td class="host-device__name" data-label={t('host.devices.name')}>
                    <span data-testid="host-device-product">{title(d)}</span>
                    <Show when={d.vendor.description && d.product.description}>
                      <span class="host-device__vendor" data-testid="host-device-vendor">{d.vendor.description}</span>
                    </Show>
                    <span class="host-muted host-device__ids">{t('host.devices.ids', { ids: ids(d), name: d.name })}</span>
                  </td>
                  <td data-label={t('host.devices.kind')} data-testid="host-device-kind">
                    {d.class_name ?? (d.device_type === 'usb_device' ? t('host.devices.usb') : '–')}
                  </td>
                  <td data-label={t('host.devices.driver')}>{d.driver ?? '–'}</td>
                  <td data-label={t('host.devices.iommu')}>{d.iommuGroup ?? '–'}</td>
                  <td data-label={t('host.devices.holders')}>{d.vm_holders.length ? d.vm_holders.map((h) => h.name).join(', ') : t('host.devices.free')}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}
