import { describe, expect, it } from 'vitest';
import { waitsOf, waitsOfTimer } from './ticket-waits.js';

describe('waits on the customer, from the timeline', () => {
  const timeline = [
    { type: 'created', at: '2026-10-23T14:30:00.000Z' },
    { type: 'waiting', at: '2026-10-26T09:00:00.000Z' },
    { type: 'note', at: '2026-10-26T10:00:00.000Z' },
    { type: 'resumed', at: '2026-10-27T09:00:00.000Z' },
    { type: 'waiting', at: '2026-10-28T09:00:00.000Z' },
  ];

  it('pairs each wait with the resume that ended it; the last one still runs', () => {
    expect(waitsOf(timeline)).toEqual([
      { from: new Date('2026-10-26T09:00:00.000Z'), to: new Date('2026-10-27T09:00:00.000Z') },
      { from: new Date('2026-10-28T09:00:00.000Z'), to: null },
    ]);
  });

  it('keeps for a timer only the waits begun after its start and before it was met', () => {
    const waits = waitsOf(timeline);
    expect(waitsOfTimer(waits, { startedAt: new Date('2026-10-26T12:00:00Z'), metAt: null })).toEqual([waits[1]]);
    expect(waitsOfTimer(waits, { startedAt: new Date('2026-10-23T14:30:00Z'), metAt: new Date('2026-10-27T12:00:00Z') })).toEqual([waits[0]]);
  });
});
