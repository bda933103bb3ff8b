// A running guest's live rates: CPU and memory as meters, disk and network throughput as numbers.
import type { Vm } from '../api/index.ts';
import { formatPercent, formatRate } from '../common/format.ts';
import { t } from '../common/i18n/index.ts';

export interface VmStatsProps {
  stats: Vm['stats'];
}

function Meter(props: { label: string; value: number; testId: string }) {
  const clamped = () => Math.max(0, Math.min(100, props.value));
  return (
    <div class="vm-stat">
      <span class="vm-stat__label">{props.label}</span>
      <span class="vm-stat__value" data-testid={props.testId}>{formatPercent(clamped())}</span>
      <span class="vm-stat__bar" role="meter" aria-label={props.label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(clamped())}>
        <span class="vm-stat__fill" style={{ width: `${clamped()}%` }} />
      </span>
    </div>
  );
}

export function VmStats(props: VmStatsProps) {
  return (
    <div class="vm-stats" data-testid="vm-stats">
      <Meter label={t('vm.stats.cpu')} value={props.stats.cpu_utilization} testId="vm-stat-cpu" />
      <Meter label={t('vm.stats.memory')} value={props.stats.mem_utilization} testId="vm-stat-memory" />
      <div class="vm-stat">
        <span class="vm-stat__label">{t('vm.stats.disk')}</span>
        <span class="vm-stat__value" data-testid="vm-stat-disk">{formatRate(props.stats.io_throughput)}</span>
      </div>
      <div class="vm-stat">
        <span class="vm-stat__label">{t('vm.stats.network')}</span>
        <span class="vm-stat__value" data-testid="vm-stat-network">{formatRate(props.stats.net_throughput)}</span>
      </div>
    </div>
  );
}
