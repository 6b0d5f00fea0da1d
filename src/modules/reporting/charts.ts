/**
 * Chart geometry, pure: numbers for an SVG drawn by a Handlebars partial, so every label
 * stays escaped by the template. Each chart keeps its data for the table beside it.
 */
export interface Bar {
  label: string;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
  labelX: number;
  valueY: number;
}

export interface BarChart {
  width: number;
  height: number;
  baseline: number;
  bars: Bar[];
  /** For a Pareto chart: the cumulative share as a polyline, and its points. */
  line?: string;
  points?: { x: number; y: number; percent: number }[];
}

const WIDTH = 640;
const HEIGHT = 260;
const TOP = 20;
const BOTTOM = 60;
const LEFT = 40;

export function barChart(items: { label: string; value: number }[], options: { pareto?: boolean } = {}): BarChart {
  const data = options.pareto ? [...items].sort((a, b) => b.value - a.value) : items;
  const max = Math.max(1, ...data.map((d) => d.value));
  const plotH = HEIGHT - TOP - BOTTOM;
  const slot = data.length ? (WIDTH - LEFT - 10) / data.length : 0;
  const baseline = HEIGHT - BOTTOM;
  const bars = data.map((d, i) => {
    const h = Math.round((d.value / max) * plotH);
    const x = Math.round(LEFT + i * slot + slot * 0.15);
    const width = Math.max(2, Math.round(slot * 0.7));
    return { label: d.label, value: d.value, x, y: baseline - h, width, height: h, labelX: x + width / 2, valueY: baseline - h - 4 };
  });
  const chart: BarChart = { width: WIDTH, height: HEIGHT, baseline, bars };
  if (options.pareto) {
    const total = data.reduce((s, d) => s + d.value, 0) || 1;
    let running = 0;
    chart.points = bars.map((b) => {
      running += b.value;
      const percent = Math.round((100 * running) / total);
      return { x: b.labelX, y: Math.round(baseline - (percent / 100) * plotH), percent };
    });
    chart.line = chart.points.map((p) => `${p.x},${p.y}`).join(' ');
  }
  return chart;
}

/** The dashboard's four charts from its figures: open work by stage and by SLA state, root causes (Pareto), weekly trend. */
export function dashboardCharts(f: {
  openByStage: { stage: string; slaState: string | null; count: number }[];
  rootCauses: { rootCause: string; count: number }[];
  weeklyTrend: { week: string; count: number }[];
}) {
  const sum = (keep: (r: { stage: string; slaState: string | null }) => boolean) => f.openByStage.filter(keep).reduce((s, r) => s + r.count, 0);
  return {
    stageChart: barChart(['listen', 'apologise', 'fix', 'compensate', 'follow-up'].map((stage) => ({ label: stage, value: sum((r) => r.stage === stage) }))),
    slaChart: barChart(['on-track', 'at-risk', 'breached', 'met'].map((state) => ({ label: state, value: sum((r) => r.slaState === state) }))),
    paretoChart: barChart(f.rootCauses.map((r) => ({ label: r.rootCause, value: r.count })), { pareto: true }),
    trendChart: barChart(f.weeklyTrend.map((w) => ({ label: w.week.slice(5), value: w.count }))),
  };
}
