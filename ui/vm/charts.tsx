// Four small live charts of the VM (CPU, memory, disk, network) drawn with uPlot on canvas.
import { For, createEffect, onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatClock, formatPercent, formatRate } from '../common/format.ts';
import { HISTORY_SECONDS, type Sample } from './live.ts';
import { t, type VmPageKey } from './i18n.ts';

interface ChartDef { key: 'cpu' | 'memory' | 'disk' | 'net'; label: VmPageKey; color: string; percent: boolean }

const CHARTS: readonly ChartDef[] = [
  { key: 'cpu', label: 'chart.cpu', color: '#c0392b', percent: true },
  { key: 'memory', label: 'chart.memory', color: '#2d6cdf', percent: true },
  { key: 'disk', label: 'chart.disk', color: '#8e44ad', percent: false },
  { key: 'net', label: 'chart.net', color: '#16a085', percent: false },
];

function Chart(props: { def: ChartDef; samples: () => readonly Sample[] }) {
  let box!: HTMLDivElement;
  let plot: uPlot | undefined;
  const format = (v: number) => (props.def.percent ? formatPercent(v) : formatRate(v));

  const data = (): uPlot.AlignedData => {
    const s = props.samples();
    return [s.map((p) => p.time), s.map((p) => p[props.def.key])];
  };

  onMount(() => {
    const opts: uPlot.Options = {
      width: Math.max(box.clientWidth, 200), height: 140,
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: true, range: (_u, _min, max) => [max - HISTORY_SECONDS, max] },
        y: { range: props.def.percent ? [0, 100] : (_u, _min, max) => [0, Math.max(max * 1.2, 16)] },
      },
      axes: [
        { stroke: '#6b7280', grid: { stroke: '#eef0f3' }, ticks: { show: false }, values: (_u, ticks) => ticks.map((x) => formatClock(x * 1000)) }, // the locale's clock, not uPlot's English one
        { stroke: '#6b7280', grid: { stroke: '#eef0f3' }, size: 70, values: (_u, vals) => vals.map(format) },
      ],
      series: [{}, { label: t(props.def.label), stroke: props.def.color, width: 2, fill: `${props.def.color}22` }],
    };
    plot = new uPlot(opts, data(), box);
    const resize = new ResizeObserver(() => plot?.setSize({ width: Math.max(box.clientWidth, 200), height: 140 }));
    resize.observe(box);
    onCleanup(() => { resize.disconnect(); plot?.destroy(); plot = undefined; });
  });

  createEffect(() => {
    const d = data();
    plot?.setData(d);
  });

  const last = () => props.samples().at(-1)?.[props.def.key];

  return (
    <figure class="vm-chart" data-testid={`vm-chart-${props.def.key}`} data-points={props.samples().length}>
      <figcaption class="vm-chart__caption">
        <span>{t(props.def.label)}</span>
        <strong data-testid={`vm-chart-${props.def.key}-value`}>{last() === undefined ? '—' : format(last()!)}</strong>
      </figcaption>
      <div class="vm-chart__plot" ref={box} />
    </figure>
  );
}

export function VmCharts(props: { samples: () => readonly Sample[] }) {
  return (
    <div class="vm-charts" data-testid="vm-charts">
      <For each={CHARTS}>{(def) => <Chart def={def} samples={props.samples} />}</For>
    </div>
  );
}
