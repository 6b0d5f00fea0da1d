import { addBusinessMinutes, type ZonedCalendar } from './business-time.js';

/**
 * The rules of one SLA timer, pure: when it warns, is due and escalates, what state it
 * is in, and what the sweep still has to do. Escalation: level 1 at the deadline, level 2
 * after another half of the target, level 3 at twice the target.
 */
export const SLA_TARGETS = ['listen', 'apologise', 'fix', 'resolve'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];
export type TimerState = 'on-track' | 'at-risk' | 'breached' | 'met';

export interface TimerMoments {
  warnAt: Date;
  dueAt: Date;
  level2At: Date;
  level3At: Date;
}

export interface TimerFacts extends TimerMoments {
  targetMinutes: number;
  pausedAt: Date | null;
  warnedAt: Date | null;
  escalatedLevel: number;
  metAt: Date | null;
}

/** The moments of a timer started at `startedAt`, moved on by the business minutes it was paused. */
export function planMoments(startedAt: Date, targetMinutes: number, warningThreshold: number, pausedMinutes: number, calendar: ZonedCalendar): TimerMoments {
  const at = (minutes: number) => addBusinessMinutes(startedAt, Math.ceil(minutes) + pausedMinutes, calendar);
  return {
    warnAt: at(targetMinutes * warningThreshold),
    dueAt: at(targetMinutes),
    level2At: at(targetMinutes * 1.5),
    level3At: at(targetMinutes * 2),
  };
}

export type SweepAction = { kind: 'warn' } | { kind: 'escalate'; level: 1 | 2 | 3 };

/** What is due for this timer at `now`, in order; nothing for a met or paused timer. */
export function dueActions(t: TimerFacts, now: Date): SweepAction[] {
  if (t.metAt || t.pausedAt) return [];
  const actions: SweepAction[] = [];
  const n = now.getTime();
  // A warning only makes sense before the breach; past it, the escalation says more.
  if (!t.warnedAt && t.escalatedLevel === 0 && n >= t.warnAt.getTime() && n < t.dueAt.getTime()) actions.push({ kind: 'warn' });
  const levels: [1 | 2 | 3, Date][] = [[1, t.dueAt], [2, t.level2At], [3, t.level3At]];
  for (const [level, at] of levels) if (t.escalatedLevel < level && n >= at.getTime()) actions.push({ kind: 'escalate', level });
  return actions;
}

/** The next moment the sweep must look at this timer, or null when nothing is left. */
export function nextCheckAt(t: TimerFacts): Date | null {
  if (t.metAt || t.pausedAt) return null;
  const pending: Date[] = [];
  if (!t.warnedAt && t.escalatedLevel === 0) pending.push(t.warnAt);
  if (t.escalatedLevel < 1) pending.push(t.dueAt);
  if (t.escalatedLevel < 2) pending.push(t.level2At);
  if (t.escalatedLevel < 3) pending.push(t.level3At);
  return pending.length ? new Date(Math.min(...pending.map((d) => d.getTime()))) : null;
}

export function timerState(t: Pick<TimerFacts, 'metAt' | 'warnAt' | 'dueAt'>, now: Date): TimerState {
  if (t.metAt) return 'met';
  if (now.getTime() >= t.dueAt.getTime()) return 'breached';
  if (now.getTime() >= t.warnAt.getTime()) return 'at-risk';
  return 'on-track';
}

const WORST: TimerState[] = ['breached', 'at-risk', 'on-track', 'met'];

/** The ticket's SLA: the worst open timer's state, and the earliest open deadline. */
export function slaSummary(timers: Pick<TimerFacts, 'metAt' | 'warnAt' | 'dueAt'>[], now: Date): { state: TimerState | null; nextDue: Date | null } {
  if (!timers.length) return { state: null, nextDue: null };
  const open = timers.filter((t) => !t.metAt);
  const states = timers.map((t) => timerState(t, now));
  const state = WORST.find((s) => states.includes(s)) ?? null;
  const nextDue = open.length ? new Date(Math.min(...open.map((t) => t.dueAt.getTime()))) : null;
  return { state, nextDue };
}

/** Which timer a completed stage meets. */
export const TARGET_OF_STAGE: Partial<Record<string, SlaTarget>> = { listen: 'listen', apologise: 'apologise', fix: 'fix', compensate: 'resolve' };
