// One live time-series chart (uPlot on a canvas): fed whole columns at start, then one point per `host` sample.
import { onCleanup, onMount } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatClock } from '../common/format.ts';

export interface Series { label: string; color: string }

export interface ChartProps {
  title: string;
  /** The legend's name of the time series ("Time"). */
  timeLabel: string;
  testid: string;
  series: Series[];
  /** Formats an axis value (percent, bytes, B/s). */
  format: (v: number) => string;
  /** Receives the functions that set all data and append one point. */
  bind: (api: { set(data: number[][]): void; push(t: number, values: number[]): void }) => void;
  /** Oldest kept point, seconds before the newest (default one hour). */
  windowSec?: number;
  max?: number;
}

/** The time axis's font, set on uPlot and used to measure its labels. */
const AXIS_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
/** Free space between two time labels (px). */
const LABEL_GAP = 16;
let measurer: CanvasRenderingContext2D | null | undefined;
/** How wide `text` is drawn in the axis font (CSS px). */
function labelWidth(text: string): number {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * 7;
  measurer.font = AXIS_FONT;
  return measurer.measureText(text).width;
}
/** Seconds on the clock while the span is short (as the labels are drawn). */
const withSeconds = (min: number, max: number) => max - min < 240;

const newest = (u: uPlot, series: number): number | undefined => (u.data[series] as (number | null)[] | undefined)?.at(-1) ?? undefined;

export function Chart(props: ChartProps) {
  let box!: HTMLDivElement;
  let fig!: HTMLElement;
  let plot: uPlot | undefined;
  // Columns: timestamps (s) then one array per series, as uPlot takes them.
  let data: number[][] = [[], ...props.series.map(() => [])];

  const render = () => {
    plot?.setData(data as uPlot.AlignedData);
    // For tests and assistive tools: how many points, and the newest one's time.
    fig.dataset.points = String(data[0]!.length);
    fig.dataset.last = String(data[0]!.at(-1) ?? '');
    fig.dataset.lastLabel = data[0]!.length ? formatClock(data[0]!.at(-1)! * 1000, true) : '';
  };
  const trim = () => {
    const newest = data[0]!.at(-1) ?? 0;
    const from = data[0]!.findIndex((x) => x >= newest - (props.windowSec ?? 3600));
    if (from > 0) data = data.map((col) => col.slice(from));
  };

  onMount(() => {
    const opts: uPlot.Options = {
      width: Math.max(240, box.clientWidth), height: 160,
      scales: { y: props.max === undefined ? { range: (_u, _min, max) => [0, Math.max(1, max)] } : { range: [0, props.max] } },
      // The time axis and the legend's time in the UI's locale (uPlot's own are English); seconds while the span is short.
      axes: [
        // Ticks at least one label (in this locale's clock) plus a gap apart: fewer of them when the chart is narrow.
        { font: AXIS_FONT, space: (_u, _i, min, max) => labelWidth(formatClock(max * 1000, withSeconds(min, max))) + LABEL_GAP,
          values: (u, ticks) => {
            const labels = ticks.map((x) => formatClock(x * 1000, withSeconds(u.scales.x!.min ?? 0, u.scales.x!.max ?? 0)));
            // For tests: where each label is centred and how wide it is.
            fig.dataset.timeTicks = JSON.stringify(ticks.map((x, i) => [Math.round(u.valToPos(x, 'x')), Math.ceil(labelWidth(labels[i]!))]));
            return labels;
          } },
        { values: (_u, ticks) => ticks.map(props.format), size: 100 },
      ],
      // Away from the cursor the legend shows the newest sample rather than dashes.
      series: [
        { label: props.timeLabel, value: (u: uPlot, v: number | null) => formatClock((v ?? newest(u, 0) ?? 0) * 1000, true) },
        ...props.series.map((s) => ({ label: s.label, stroke: s.color, width: 2,
          value: (u: uPlot, v: number | null, si: number) => { const x = v ?? newest(u, si); return x === undefined ? '–' : props.format(x); } })),
      ],
      legend: { show: true },
    };
    plot = new uPlot(opts, data as uPlot.AlignedData, box);
    const resize = new ResizeObserver(() => plot?.setSize({ width: Math.max(240, box.clientWidth), height: 160 }));
    resize.observe(box);
    onCleanup(() => { resize.disconnect(); plot?.destroy(); });
    props.bind({
      set(cols) { data = cols.map((c) => [...c]); trim(); render(); },
      push(t, values) { data[0]!.push(t); values.forEach((v, i) => data[i + 1]!.push(v)); trim(); render(); },
    });
  });

  return (
    <figure ref={fig} class="host-chart" data-testid={props.testid} data-points="0">
      <figcaption class="host-chart__title">{props.title}</figcaption>
      <div ref={box} class="host-chart__plot" />
    </figure>
  );
}
