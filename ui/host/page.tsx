// The Host tab: system facts, live CPU/memory/disk/network charts (the last hour, then `host` events), passthrough devices.
import { Show, createResource, onCleanup, onMount } from 'solid-js';
import { getHost, getHostStatsHistory, listHostDevices, subscribeHostStats, type HostStats } from '../api/host.ts';
import { describeFailure } from '../common/failure.ts';
import { Chart } from './chart.tsx';
import { DeviceTable } from './devices.tsx';
import { DebugReports } from './reports.tsx';
import { formatBytes, formatBytesRate, formatPercent } from '../common/format.ts';
import { t } from './i18n.ts';
import '../common/controls.css';
import './host.css';

type Feed = { set(data: number[][]): void; push(t: number, values: number[]): void };

/** Each chart's values from one sample: CPU %, memory used, disk read/write, network received/sent. */
const pick = {
  cpu: (s: HostStats) => [s.cpu_utilization],
  memory: (s: HostStats) => [s.memory.total - s.memory.avail],
  disk: (s: HostStats) => [s.disk_read_rate, s.disk_write_rate],
  net: (s: HostStats) => [s.net_recv_rate, s.net_sent_rate],
} as const;
type ChartId = keyof typeof pick;

export function HostPage() {
  const [host] = createResource(getHost);
  const [devices] = createResource(() => listHostDevices());
  const feeds: Partial<Record<ChartId, Feed>> = {};
  const bind = (id: ChartId) => (f: Feed) => { feeds[id] = f; };

  onMount(() => {
    const queued: HostStats[] = [];
    let loaded = false;
    const unsubscribe = subscribeHostStats((s) => {
      if (!loaded) { queued.push(s); return; }
      for (const id of Object.keys(pick) as ChartId[]) feeds[id]?.push(s.timestamp / 1000, pick[id](s));
    });
    onCleanup(unsubscribe);
    void getHostStatsHistory().catch(() => undefined).then((h) => {
      const samples: HostStats[] = h ? h.timestamp.map((ts, i) => ({
        timestamp: ts, cpu_utilization: h.cpu_utilization[i]!, memory: h.memory[i]!,
        disk_read_rate: h.disk_read_rate[i]!, disk_write_rate: h.disk_write_rate[i]!, net_recv_rate: h.net_recv_rate[i]!, net_sent_rate: h.net_sent_rate[i]!,
      })) : [];
      const last = samples.at(-1)?.timestamp ?? 0;
      for (const s of queued) if (s.timestamp > last) samples.push(s); // events that arrived while the history loaded
      for (const id of Object.keys(pick) as ChartId[]) {
        const cols: number[][] = [samples.map((s) => s.timestamp / 1000)];
        samples.forEach((s) => pick[id](s).forEach((v, j) => { (cols[j + 1] ??= []).push(v); }));
        while (cols.length < 1 + pick[id](samples[0] ?? ZERO).length) cols.push([]);
        feeds[id]?.set(cols);
      }
      loaded = true;
    });
  });

  return (
    <div class="host" data-testid="host-page">
      <h3 class="host__title">{t('host.title')}</h3>
      <section class="host__section" aria-labelledby="host-info">
        <h4 id="host-info">{t('host.info')}</h4>
        <Show when={host()} fallback={<p>{host.error ? t('host.error', { reason: describeFailure(host.error).reason }) : t('host.loading')}</p>}>
          {(h) => (
            <dl class="host-info" data-testid="host-info">
              <dt>{t('host.hostname')}</dt><dd>{h().host}</dd>
              <dt>{t('host.cpu')}</dt><dd data-testid="host-cpu">{h().cpu_model}<br />
                {t('host.cpuTopology', { cpus: h().cpus.online, sockets: h().cpus.sockets, cores: h().cpus.cores, threads: h().cpus.threads_per_core })}</dd>
              <dt>{t('host.memory')}</dt><dd>{formatBytes(h().memory.online)}</dd>
              <dt>{t('host.os')}</dt><dd>{[h().os_distro, h().os_version, h().os_codename && `(${h().os_codename})`].filter(Boolean).join(' ')}</dd>
              <dt>{t('host.kernel')}</dt><dd>{h().kernel}</dd>
              <dt>{t('host.libvirt')}</dt><dd data-testid="host-libvirt">{h().libvirt_version}</dd>
              <dt>{t('host.qemu')}</dt><dd>{h().qemu_version}</dd>
            </dl>
          )}
        </Show>
      </section>
      <section class="host__section" aria-labelledby="host-charts">
        <h4 id="host-charts">{t('host.charts')}</h4>
        <div class="host-charts">
          <Chart timeLabel={t('host.series.time')} title={t('host.chart.cpu')} testid="chart-cpu" max={100} format={(v) => formatPercent(v, 1)} bind={bind('cpu')}
            series={[{ label: t('host.series.cpu'), color: '#2a7ab0' }]} />
          <Chart timeLabel={t('host.series.time')} title={t('host.chart.memory')} testid="chart-memory" format={formatBytes} bind={bind('memory')}
            series={[{ label: t('host.series.used'), color: '#8e44ad' }]} />
          <Chart timeLabel={t('host.series.time')} title={t('host.chart.disk')} testid="chart-disk" format={formatBytesRate} bind={bind('disk')}
            series={[{ label: t('host.series.read'), color: '#27ae60' }, { label: t('host.series.write'), color: '#d35400' }]} />
          <Chart timeLabel={t('host.series.time')} title={t('host.chart.net')} testid="chart-net" format={formatBytesRate} bind={bind('net')}
            series={[{ label: t('host.series.recv'), color: '#16a085' }, { label: t('host.series.sent'), color: '#c0392b' }]} />
        </div>
      </section>
      <section class="host__section" aria-labelledby="host-devices">
        <h4 id="host-devices">{t('host.devices')}</h4>
        <Show when={devices()} fallback={<p>{devices.error ? t('host.error', { reason: describeFailure(devices.error).reason }) : t('host.loading')}</p>}>
          {(list) => <DeviceTable devices={list()} />}
        </Show>
      </section>
      <section class="host__section" aria-labelledby="host-reports">
        <h4 id="host-reports">{t('host.reports')}</h4>
        <DebugReports />
      </section>
    </div>
  );
}

const ZERO: HostStats = { timestamp: 0, cpu_utilization: 0, memory: { total: 0, free: 0, avail: 0, cached: 0, buffers: 0 }, disk_read_rate: 0, disk_write_rate: 0, net_recv_rate: 0, net_sent_rate: 0 };
