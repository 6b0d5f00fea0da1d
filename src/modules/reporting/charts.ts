import { SLA_STATES } from '../tickets/ticket-values.js';
import { STAGES as ALL_STAGES } from '../tickets/workflow/ticket-workflow.js';

/**
 * Chart geometry, pure: numbers for an SVG drawn by a Handlebars partial, so every label
 * stays escaped by the template. Each chart keeps its data for the table under it.
 *
 * Charts are drawn at their own pixel size (never scaled down to a phone's width), so a
 * 12-unit label is a 12 px label everywhere; bars run sideways so the words fit beside them.
 */
export interface Bar {
  label: string;
  /** The full label when `label` had to be shortened to fit. */
  fullLabel: string;
  value: number;
  /** A class for the bar's colour, e.g. the SLA badge's `sla-breached`. */
  className: string;
  x: number;
  y: number;
  width: number;
  height: number;
  labelX: number;
  labelY: number;
  valueX: number;
}

export interface BarChart {
  width: number;
  height: number;
  /** Where the bars start (the axis). */
  axisX: number;
  bars: Bar[];
  /** For a Pareto chart: the cumulative share as a polyline, and its points. */
  line?: string;
  points?: { x: number; y: number; percent: number }[];
}

/** Axis and value labels are this size, in px: never smaller. */
export const LABEL_PX = 12;
const ROW = 28;
const BAR_H = 18;
const TOP = 8;
const PLOT_W = 150;
const VALUE_W = 45;
const CHAR_W = 7.5;
const MAX_LABEL_W = 180;

export interface BarItem {
  label: string;
  value: number;
  className?: string;
}

export function barChart(items: BarItem[], options: { pareto?: boolean } = {}): BarChart {
  const data = options.pareto ? [...items].sort((a, b) => b.value - a.value) : items;
  const max = Math.max(1, ...data.map((d) => d.value));
  const longest = Math.max(0, ...data.map((d) => d.label.length));
  const labelW = Math.min(MAX_LABEL_W, Math.max(60, Math.ceil(longest * CHAR_W) + 14));
  const fits = Math.floor((labelW - 14) / CHAR_W);
  const axisX = labelW;
  const bars = data.map((d, i) => {
    const width = Math.round((d.value / max) * PLOT_W);
    const y = TOP + i * ROW + (ROW - BAR_H) / 2;
    const label = d.label.length > fits ? `${d.label.slice(0, fits - 1)}…` : d.label;
    return { label, fullLabel: d.label, value: d.value, className: d.className ?? '', x: axisX, y, width, height: BAR_H, labelX: axisX - 6, labelY: y + BAR_H / 2 + 4, valueX: axisX + width + 4 };
  });
  const chart: BarChart = { width: labelW + PLOT_W + VALUE_W, height: TOP * 2 + data.length * ROW, axisX, bars };
  if (options.pareto) {
    const total = data.reduce((s, d) => s + d.value, 0) || 1;
    let running = 0;
    chart.points = bars.map((b) => {
      running += b.value;
      const percent = Math.round((100 * running) / total);
      return { x: Math.round(axisX + (percent / 100) * PLOT_W), y: b.y + BAR_H / 2, percent };
    });
    chart.line = chart.points.map((p) => `${p.x},${p.y}`).join(' ');
  }
  return chart;
}

export interface LineChart {
  width: number;
  height: number;
  left: number;
  baseline: number;
  /** Gridlines at 0, 50 and 100 %. */
  grid: { y: number; label: string }[];
  /** Every other week is labelled, so labels never overlap. */
  xLabels: { x: number; label: string }[];
  series: { name: string; className: string; line: string; points: { x: number; y: number; value: number; week: string }[] }[];
}

/** Percentages (0–100) per week as lines; a week without a figure leaves a gap in the points. */
export function lineChart(weeks: string[], series: { name: string; className: string; values: (number | null)[] }[]): LineChart {
  const [width, height, left, top, bottom] = [310, 190, 44, 12, 34];
  const baseline = height - bottom;
  const step = weeks.length > 1 ? (width - left - 30) / (weeks.length - 1) : 0;
  const x = (i: number) => Math.round(left + 6 + i * step);
  const y = (v: number) => Math.round(baseline - (v / 100) * (baseline - top));
  return {
    width, height, left, baseline,
    grid: [0, 50, 100].map((v) => ({ y: y(v), label: `${v} %` })),
    xLabels: weeks.flatMap((w, i) => ((weeks.length - 1 - i) % 2 === 0 ? [{ x: x(i), label: w.slice(5) }] : [])),
    series: series.map((s) => {
      const points = s.values.flatMap((v, i) => (v === null ? [] : [{ x: x(i), y: y(v), value: v, week: weeks[i] }]));
      return { name: s.name, className: s.className, points, line: points.map((p) => `${p.x},${p.y}`).join(' ') };
    }),
  };
}

/** Open work stands at every stage but the last. */
const STAGES = ALL_STAGES.filter((s) => s !== 'closed');

/**
 * The dashboard's charts from its figures: open work by stage and by SLA state (bars in
 * the queue badges' colours), root causes (Pareto), tickets per week, and the 12-week
 * trend. `word` turns a slug into the reader's word for it.
 */
export function dashboardCharts(
  f: {
    openByStage: { stage: string; slaState: string | null; count: number }[];
    rootCauses: { rootCause: string; count: number }[];
    weeklyTrend: { week: string; count: number }[];
    trend: { week: string; slaCompliance: number | null; recoveryRate: number | null }[];
  },
  word: (group: 'stages' | 'slaStates' | 'rootCauses', slug: string) => string = (_g, slug) => slug,
  names: { slaCompliance: string; recoveryRate: string } = { slaCompliance: 'SLA compliance', recoveryRate: 'Recovery rate' },
) {
  const sum = (keep: (r: { stage: string; slaState: string | null }) => boolean) => f.openByStage.filter(keep).reduce((s, r) => s + r.count, 0);
  return {
    stageChart: barChart(STAGES.map((stage) => ({ label: word('stages', stage), value: sum((r) => r.stage === stage) }))),
    slaChart: barChart(SLA_STATES.map((state) => ({ label: word('slaStates', state), value: sum((r) => r.slaState === state), className: `sla-${state}` }))),
    paretoChart: barChart(f.rootCauses.map((r) => ({ label: word('rootCauses', r.rootCause), value: r.count })), { pareto: true }),
    weeklyChart: barChart(f.weeklyTrend.map((w) => ({ label: w.week.slice(5), value: w.count }))),
    trendChart: lineChart(f.trend.map((w) => w.week), [
      { name: names.slaCompliance, className: 'series-sla', values: f.trend.map((w) => w.slaCompliance) },
      { name: names.recoveryRate, className: 'series-recovery', values: f.trend.map((w) => w.recoveryRate) },
    ]),
  };
}
