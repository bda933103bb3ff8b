// The host's PCI and USB devices as a table: ids and names, driver, IOMMU group, and which VMs hold each.
import { For, Show } from 'solid-js';
import type { HostDevice } from '../api/host.ts';
import { t } from './i18n.ts';

const idName = (x: HostDevice['vendor']) => x.description ?? x.id ?? '–';

export function DeviceTable(props: { devices: HostDevice[] }) {
  return (
    <Show when={props.devices.length} fallback={<p data-testid="host-devices-empty">{t('host.devices.empty')}</p>}>
      <div class="host-devices__scroll">
        <table class="host-devices" data-testid="host-devices">
          <thead>
            <tr>
              <th>{t('host.devices.name')}</th><th>{t('host.devices.type')}</th><th>{t('host.devices.product')}</th>
              <th>{t('host.devices.vendor')}</th><th>{t('host.devices.driver')}</th><th>{t('host.devices.iommu')}</th>
              <th>{t('host.devices.holders')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.devices}>
              {(d) => (
                <tr data-testid="host-device" data-name={d.name}>
                  <td>{d.name}</td><td>{d.device_type}</td><td>{idName(d.product)}</td><td>{idName(d.vendor)}</td>
                  <td>{d.driver ?? '–'}</td><td>{d.iommuGroup ?? '–'}</td>
                  <td>{d.vm_holders.length ? d.vm_holders.map((h) => h.name).join(', ') : t('host.devices.free')}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}
