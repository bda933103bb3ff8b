// A guest row's Host cell (All hosts): the host's name with its state dot; an unreachable host says why on hover.
import { t } from './i18n.ts';
import { hostsStore } from './store.ts';
import { StateDot } from './switcher.tsx';

export function HostCell(props: { host: string }) {
  const known = () => hostsStore().list.find((h) => h.name === props.host);
  const state = () => known()?.state ?? 'connected';
  const title = () => (state() === 'connected' ? props.host : `${props.host}: ${known()?.reason ?? t(`state.${state()}`)}`);
  return (
    <span class="host-state host-cell" title={title()} data-state={state()}>
      <StateDot state={state()} />
      <span class="host-cell__name">{props.host}</span>
    </span>
  );
}
