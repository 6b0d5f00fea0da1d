import { describe, expect, it } from 'vitest';
import { barChart, dashboardCharts, LABEL_PX, lineChart } from './charts.js';

describe('charts', () => {
  it('scale bars to the largest value from one axis', () => {
    const chart = barChart([{ label: 'a', value: 10 }, { label: 'b', value: 5 }]);
    expect(chart.bars[0].width).toBe(2 * chart.bars[1].width);
    expect(chart.bars.every((b) => b.x === chart.axisX)).toBe(true);
    expect(LABEL_PX).toBeGreaterThanOrEqual(12);
  });
  it('sort a Pareto chart and draw the cumulative share up to 100 %', () => {
    const chart = barChart([{ label: 'pricing', value: 1 }, { label: 'waiting-time', value: 6 }, { label: 'process', value: 3 }], { pareto: true });
    expect(chart.bars.map((b) => b.label)).toEqual(['waiting-time', 'process', 'pricing']);
    expect(chart.points!.map((p) => p.percent)).toEqual([60, 90, 100]);
    expect(chart.line).toMatch(/^\d+,\d+ \d+,\d+ \d+,\d+$/);
  });
  it('draw nothing, without dividing by zero, when there is no data', () => {
    expect(barChart([]).bars).toEqual([]);
    expect(barChart([{ label: 'x', value: 0 }]).bars[0].width).toBe(0);
  });
  it('shorten a label too long for its column, keeping the whole one', () => {
    const bar = barChart([{ label: 'Beschikbaarheid onderdelen en nog veel meer', value: 1 }]).bars[0];
    expect(bar.label.endsWith('…')).toBe(true);
    expect(bar.fullLabel).toBe('Beschikbaarheid onderdelen en nog veel meer');
    expect(bar.labelX).toBeGreaterThan(bar.label.length * 5);
  });
  it('draw weekly percentages as lines with gaps where a week has no figure', () => {
    const chart = lineChart(['2026-W47', '2026-W48', '2026-W49'], [{ name: 'SLA', className: 'series-sla', values: [100, null, 0] }]);
    expect(chart.series[0].points.map((p) => p.week)).toEqual(['2026-W47', '2026-W49']);
    expect(chart.series[0].points[0].y).toBeLessThan(chart.series[0].points[1].y);
    expect(chart.series[0].points[1].y).toBe(chart.baseline);
    expect(chart.xLabels.map((l) => l.label)).toEqual(['W47', 'W49']);
  });
});

describe('dashboard charts', () => {
  it('add up open tickets by stage and by SLA state, in the reader\'s words and the badges\' colours', () => {
    const words: Record<string, string> = { 'on-track': 'On track', breached: 'Breached', listen: 'Listen' };
    const charts = dashboardCharts({
      openByStage: [{ stage: 'fix', slaState: 'breached', count: 2 }, { stage: 'fix', slaState: 'on-track', count: 1 }, { stage: 'listen', slaState: 'breached', count: 4 }],
      rootCauses: [],
      weeklyTrend: [{ week: '2026-W47', count: 3 }],
      trend: [{ week: '2026-W47', slaCompliance: 50, recoveryRate: null }],
    }, (_g, slug) => words[slug] ?? slug);
    expect(charts.stageChart.bars.map((b) => [b.label, b.value])).toEqual([['Listen', 4], ['apologise', 0], ['fix', 3], ['compensate', 0], ['follow-up', 0]]);
    const breached = charts.slaChart.bars.find((b) => b.label === 'Breached')!;
    expect([breached.value, breached.className]).toEqual([6, 'sla-breached']);
    expect(charts.slaChart.bars.map((b) => b.className)).toEqual(['sla-on-track', 'sla-at-risk', 'sla-breached', 'sla-met']);
    expect(charts.weeklyChart.bars[0].label).toBe('W47');
    expect(charts.trendChart.series.map((s) => s.points.length)).toEqual([1, 0]);
  });
});
