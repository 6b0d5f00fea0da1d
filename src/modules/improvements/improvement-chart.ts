import type { Effect } from './improvement-effect.js';

/**
 * The effect chart's geometry, pure: one bar per week, the 12 before done then the weeks
 * since, a line where it was done, and the weekly means as dashed lines. The template draws
 * it as SVG and keeps the numbers in a table beside it.
 */
export interface EffectBar {
  label: string;
  week: string;
  value: number;
  after: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
  labelX: number;
  valueY: number;
}

export interface EffectChart {
  width: number;
  height: number;
  baseline: number;
  bars: EffectBar[];
  doneX: number;
  meanBefore: { y: number; x1: number; x2: number; value: number } | null;
  meanAfter: { y: number; x1: number; x2: number; value: number } | null;
}

const WIDTH = 640;
const HEIGHT = 240;
const TOP = 24;
const BOTTOM = 40;
const LEFT = 20;

export function effectChart(effect: Effect): EffectChart {
  const weeks = [...effect.before.map((w, i) => ({ ...w, after: false, label: `−${effect.before.length - i}` })), ...effect.after.map((w, i) => ({ ...w, after: true, label: `+${i + 1}` }))];
  const max = Math.max(1, ...weeks.map((w) => w.tickets));
  const plotH = HEIGHT - TOP - BOTTOM;
  const slot = (WIDTH - LEFT - 10) / Math.max(weeks.length, 1);
  const baseline = HEIGHT - BOTTOM;
  const bars = weeks.map((w, i) => {
    const h = Math.round((w.tickets / max) * plotH);
    const x = Math.round(LEFT + i * slot + slot * 0.15);
    const width = Math.max(2, Math.round(slot * 0.7));
    return { label: w.label, week: w.week, value: w.tickets, after: w.after, x, y: baseline - h, width, height: h, labelX: x + width / 2, valueY: baseline - h - 4 };
  });
  const doneX = Math.round(LEFT + effect.before.length * slot);
  const mean = (list: { tickets: number }[], x1: number, x2: number) => {
    if (!list.length) return null;
    const value = list.reduce((s, w) => s + w.tickets, 0) / list.length;
    return { value: Math.round(value * 100) / 100, y: Math.round(baseline - (value / max) * plotH), x1, x2 };
  };
  return {
    width: WIDTH, height: HEIGHT, baseline, bars, doneX,
    meanBefore: mean(effect.before, LEFT, doneX),
    meanAfter: mean(effect.after, doneX, Math.round(LEFT + weeks.length * slot)),
  };
}
