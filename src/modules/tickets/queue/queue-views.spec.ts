import { describe, expect, it } from 'vitest';
import { queueViews } from './queue-views.js';

describe('the queue views', () => {
  it('are filters in the URL, one click each', () => {
    expect(queueViews('u1', {}).map((v) => [v.key, v.href])).toEqual([
      ['all', '/tickets'],
      ['mine', '/tickets?assigneeId=u1'],
      ['unassigned', '/tickets?unassigned=true'],
      ['breached', '/tickets?slaState=breached'],
      ['sale-at-risk', '/tickets?saleAtRisk=true'],
    ]);
  });

  it('mark the one the page shows, and none once another filter is added', () => {
    expect(queueViews('u1', {}).filter((v) => v.current).map((v) => v.key)).toEqual(['all']);
    expect(queueViews('u1', { saleAtRisk: 'true', cursor: 'x' }).filter((v) => v.current).map((v) => v.key)).toEqual(['sale-at-risk']);
    expect(queueViews('u1', { saleAtRisk: 'true', severity: 'high' }).filter((v) => v.current)).toEqual([]);
  });
});
