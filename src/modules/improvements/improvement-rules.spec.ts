import { describe, expect, it } from 'vitest';
import { changePercent, effectOf, effectRange } from './improvement-effect.js';
import { IMPORTER_CALENDAR, latestPossiblyOverdue, managersDueAt, overdueAt } from './improvement-deadlines.js';
import { toSuggestions, suggestionWindow } from './improvement-suggestions.js';
import { IMPROVEMENT_STATUSES, move, offeredMoves, type ImprovementStatus } from './improvement-workflow.js';

const DAY = 24 * 3600 * 1000;
const WEEK = 7 * DAY;

describe('the improvement status table', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  const allowed: [ImprovementStatus, ImprovementStatus][] = [
    ['proposed', 'in-progress'], ['proposed', 'dropped'], ['in-progress', 'done'], ['in-progress', 'dropped'], ['done', 'verified'],
  ];
  it('allows exactly the listed moves and refuses every other with a message', () => {
    for (const from of IMPROVEMENT_STATUSES) {
      for (const to of IMPROVEMENT_STATUSES) {
        const r = move(from, to, { now, doneAt: new Date(now.getTime() - 7 * WEEK), note: 'why' });
        const ok = allowed.some(([a, b]) => a === from && b === to);
        expect(r.ok, `${from} → ${to}`).toBe(ok);
        if (!r.ok) expect(r.message).toMatch(/cannot become|already|final/);
      }
    }
  });
  it('asks a reason for dropping', () => {
    const r = move('proposed', 'dropped', { now, doneAt: null, note: '  ' });
    expect(r).toMatchObject({ ok: false, code: 'improvement.note.invalid' });
  });
  it('verifies only once six weeks have passed since done', () => {
    const doneAt = new Date(now.getTime() - 6 * WEEK + 1000);
    expect(move('done', 'verified', { now, doneAt }).ok).toBe(false);
    expect(offeredMoves('done', { now, doneAt })).toEqual([]);
    expect(move('done', 'verified', { now: new Date(now.getTime() + 1000), doneAt }).ok).toBe(true);
    expect(offeredMoves('proposed', { now, doneAt: null })).toEqual(['in-progress', 'dropped']);
  });
});

describe('the effect of an improvement', () => {
  const doneAt = new Date('2026-10-01T10:00:00Z');
  it('counts 12 weeks before and the whole weeks since, each ticket in its 7-day window', () => {
    const now = new Date(doneAt.getTime() + 3 * WEEK + DAY);
    const fixed = [
      new Date(doneAt.getTime() - 12 * WEEK), // first window
      new Date(doneAt.getTime() - 12 * WEEK - 1), // too early
      new Date(doneAt.getTime() - 1), new Date(doneAt.getTime() - 2), // last window before
      new Date(doneAt.getTime()), // first window after
      new Date(doneAt.getTime() + 3 * WEEK + 1), // the running week: left out
    ];
    const e = effectOf(doneAt, now, fixed);
    expect(e.before).toHaveLength(12);
    expect(e.after).toHaveLength(3);
    expect(e.before[0]).toEqual({ week: '2026-07-09', tickets: 1 });
    expect(e.before[11].tickets).toBe(2);
    expect(e.after.map((w) => w.tickets)).toEqual([1, 0, 0]);
    // Before: 3 in 12 weeks = 0.25 a week; after: 1 in 3 = 0.333: +33.3 %.
    expect(e.changePercent).toBe(33.3);
    expect(effectRange(doneAt, now).from.getTime()).toBe(doneAt.getTime() - 12 * WEEK);
  });
  it('has no percentage with no whole week after or nothing before', () => {
    expect(effectOf(doneAt, new Date(doneAt.getTime() + DAY), [new Date(doneAt.getTime() - DAY)]).changePercent).toBeNull();
    expect(changePercent([{ week: 'a', tickets: 0 }], [{ week: 'b', tickets: 4 }])).toBeNull();
    expect(changePercent([{ week: 'a', tickets: 4 }, { week: 'b', tickets: 2 }], [{ week: 'c', tickets: 0 }])).toBe(-100);
  });
});

describe('suggestions', () => {
  it('keeps groups of 3 or more with their refs, most first', () => {
    const g = (dealerId: string, tickets: number) => ({ dealerId, department: 'sales', rootCause: 'waiting-time', tickets });
    const refs = [{ dealerId: 'a', department: 'sales', rootCause: 'waiting-time', ref: 'AM-2' }, { dealerId: 'a', department: 'sales', rootCause: 'waiting-time', ref: 'AM-1' }];
    expect(toSuggestions([g('b', 2), g('c', 3), g('a', 5)], refs)).toEqual([
      { ...g('a', 5), ticketRefs: ['AM-1', 'AM-2'] },
      { ...g('c', 3), ticketRefs: [] },
    ]);
    expect(suggestionWindow(new Date('2026-11-30T00:00:00Z')).from.toISOString()).toBe('2026-09-01T00:00:00.000Z');
  });
});

describe('improvement deadlines', () => {
  it('is overdue from the end of the due day in the zone, managers two business days on', () => {
    expect(overdueAt('2026-11-27', IMPORTER_CALENDAR).toISOString()).toBe('2026-11-27T23:00:00.000Z');
    // Due Friday: overdue Saturday 00:00 Oslo; business days Monday, Tuesday → Tuesday 08:00.
    expect(managersDueAt('2026-11-27', IMPORTER_CALENDAR).toISOString()).toBe('2026-12-01T07:00:00.000Z');
  });
  it('reads only due dates that may be overdue somewhere', () => {
    expect(latestPossiblyOverdue(new Date('2026-11-30T09:59:00Z'))).toBe('2026-11-29');
    expect(latestPossiblyOverdue(new Date('2026-11-30T10:00:00Z'))).toBe('2026-11-30');
  });
});

describe('who manages an improvement', () => {
  const imp = { dealerId: 'nl', department: 'sales' };
  it('lets managers in scope and the department manager of that dealer and department, no receptionist', async () => {
    const { mayManage, maySee } = await import('./improvement-access.js');
    expect(mayManage({ role: 'quality-manager', dealerId: null, department: null }, imp)).toBe(true);
    expect(mayManage({ role: 'principal', dealerId: null, department: null }, { dealerId: null, department: 'sales' })).toBe(true);
    expect(mayManage({ role: 'department-manager', dealerId: 'nl', department: 'sales' }, imp)).toBe(true);
    expect(mayManage({ role: 'department-manager', dealerId: 'nl', department: 'service' }, imp)).toBe(false);
    expect(mayManage({ role: 'department-manager', dealerId: 'nl', department: 'sales' }, { dealerId: null, department: 'sales' })).toBe(false);
    expect(mayManage({ role: 'receptionist', dealerId: 'nl', department: null }, imp)).toBe(false);
    expect(maySee({ dealerId: 'no' }, imp)).toBe(false);
    expect(maySee({ dealerId: 'no' }, { dealerId: null })).toBe(true);
  });
});

describe('the effect chart', () => {
  it('draws the weeks before and after on one scale, with the done line between and the weekly means', async () => {
    const { effectChart } = await import('./improvement-chart.js');
    const c = effectChart({ before: [{ week: 'a', tickets: 4 }, { week: 'b', tickets: 2 }], after: [{ week: 'c', tickets: 1 }], changePercent: -66.7 });
    expect(c.bars.map((b) => [b.label, b.value, b.after])).toEqual([['−2', 4, false], ['−1', 2, false], ['+1', 1, true]]);
    expect(c.bars[0].height).toBe(2 * c.bars[1].height);
    expect(c.doneX).toBeGreaterThan(c.bars[1].x + c.bars[1].width);
    expect(c.doneX).toBeLessThan(c.bars[2].x);
    expect(c.meanBefore?.value).toBe(3);
    expect(c.meanAfter?.value).toBe(1);
    expect(effectChart({ before: [{ week: 'a', tickets: 0 }], after: [], changePercent: null }).meanAfter).toBeNull();
  });
});
