import { describe, expect, it } from 'vitest';
import type { ZonedCalendar } from './business-time.js';
import { dueActions, nextCheckAt, planMoments, slaSummary, timerState, type TimerFacts } from './sla-clock.js';

const always: ZonedCalendar = {
  timeZone: 'UTC',
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]])),
  holidays: [],
};
const start = new Date('2026-11-23T08:00:00Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
const timer = (over: Partial<TimerFacts> = {}): TimerFacts => ({
  ...planMoments(start, 120, 0.75, 0, always),
  targetMinutes: 120, pausedAt: null, warnedAt: null, escalatedLevel: 0, metAt: null, ...over,
});

describe('an SLA timer', () => {
  it('warns at 75 %, is due at the target, level 2 after another half, level 3 at twice', () => {
    expect(planMoments(start, 120, 0.75, 0, always)).toEqual({ warnAt: at(90), dueAt: at(120), level2At: at(180), level3At: at(240) });
  });

  it('moves every moment by the business time it was paused', () => {
    expect(planMoments(start, 120, 0.75, 120, always).dueAt).toEqual(at(240));
  });

  it('asks for each action once it is due, each level in turn', () => {
    expect(dueActions(timer(), at(89))).toEqual([]);
    expect(dueActions(timer(), at(90))).toEqual([{ kind: 'warn' }]);
    expect(dueActions(timer({ warnedAt: at(90) }), at(120))).toEqual([{ kind: 'escalate', level: 1 }]);
    // A sweep that comes late does every level that is due, in order, and no warning after the breach.
    expect(dueActions(timer(), at(250))).toEqual([{ kind: 'escalate', level: 1 }, { kind: 'escalate', level: 2 }, { kind: 'escalate', level: 3 }]);
    expect(dueActions(timer({ escalatedLevel: 3 }), at(999))).toEqual([]);
    expect(dueActions(timer({ metAt: at(10) }), at(999))).toEqual([]);
    expect(dueActions(timer({ pausedAt: at(10) }), at(999))).toEqual([]);
  });

  it('tells the sweep when to look next, and stops when nothing is left', () => {
    expect(nextCheckAt(timer())).toEqual(at(90));
    expect(nextCheckAt(timer({ warnedAt: at(90) }))).toEqual(at(120));
    expect(nextCheckAt(timer({ warnedAt: at(90), escalatedLevel: 2 }))).toEqual(at(240));
    expect(nextCheckAt(timer({ escalatedLevel: 3 }))).toBeNull();
    expect(nextCheckAt(timer({ metAt: at(5) }))).toBeNull();
  });

  it('reports its state and the ticket’s worst one', () => {
    expect(timerState(timer(), at(10))).toBe('on-track');
    expect(timerState(timer(), at(100))).toBe('at-risk');
    expect(timerState(timer(), at(120))).toBe('breached');
    expect(timerState(timer({ metAt: at(130) }), at(200))).toBe('met');
    const later = { ...timer(), dueAt: at(500), warnAt: at(400) };
    expect(slaSummary([timer({ metAt: at(5) }), later], at(100))).toEqual({ state: 'on-track', nextDue: at(500) });
    expect(slaSummary([timer(), later], at(130))).toEqual({ state: 'breached', nextDue: at(120) });
    expect(slaSummary([timer({ metAt: at(5) })], at(100))).toEqual({ state: 'met', nextDue: null });
    expect(slaSummary([], at(1))).toEqual({ state: null, nextDue: null });
  });
});
