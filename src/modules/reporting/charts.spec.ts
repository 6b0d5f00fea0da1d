import { describe, expect, it } from 'vitest';
import { barChart, dashboardCharts } from './charts.js';

describe('charts', () => {
  it('scale bars to the largest value on one baseline', () => {
    const chart = barChart([{ label: 'a', value: 10 }, { label: 'b', value: 5 }]);
    expect(chart.bars[0].height).toBe(2 * chart.bars[1].height);
    expect(chart.bars.every((b) => b.y + b.height === chart.baseline)).toBe(true);
  });
  it('sort a Pareto chart and draw the cumulative share up to 100 %', () => {
    const chart = barChart([{ label: 'pricing', value: 1 }, { label: 'waiting-time', value: 6 }, { label: 'process', value: 3 }], { pareto: true });
    expect(chart.bars.map((b) => b.label)).toEqual(['waiting-time', 'process', 'pricing']);
    expect(chart.points!.map((p) => p.percent)).toEqual([60, 90, 100]);
    expect(chart.line).toMatch(/^\d+,\d+ \d+,\d+ \d+,\d+$/);
  });
  it('draw nothing, without dividing by zero, when there is no data', () => {
    expect(barChart([]).bars).toEqual([]);
    expect(barChart([{ label: 'x', value: 0 }]).bars[0].height).toBe(0);
  });
});

describe('dashboard charts', () => {
  it('add up open tickets by stage and by SLA state', () => {
    const charts = dashboardCharts({
      openByStage: [{ stage: 'fix', slaState: 'breached', count: 2 }, { stage: 'fix', slaState: 'on-track', count: 1 }, { stage: 'listen', slaState: 'breached', count: 4 }],
      rootCauses: [],
      weeklyTrend: [{ week: '2026-W47', count: 3 }],
    });
    expect(charts.stageChart.bars.map((b) => [b.label, b.value])).toEqual([['listen', 4], ['apologise', 0], ['fix', 3], ['compensate', 0], ['follow-up', 0]]);
    expect(charts.slaChart.bars.find((b) => b.label === 'breached')!.value).toBe(6);
    expect(charts.trendChart.bars[0].label).toBe('W47');
  });
});
