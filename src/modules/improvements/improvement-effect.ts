/**
 * The effect of an improvement: how often its root cause recurred at its dealer and
 * department per week, in the 12 weeks before it was done and the weeks since. Pure.
 *
 * Weeks are 7-day windows counted from the moment it was done (week -12 … -1 before, 1 …
 * after), so before and after are of equal length and no calendar week is split. A ticket
 * counts in the window its fix was recorded in (`tickets.fixedAt`: when the root cause
 * became known). Only whole weeks after count; the running week is left out until it ends.
 *
 * changePercent = (mean per week after − mean per week before) / mean per week before × 100,
 * rounded to one decimal; null while no whole week has passed, or when the cause never
 * occurred before (a change from nothing has no percentage).
 */
export const EFFECT_WEEKS_BEFORE = 12;
const WEEK_MS = 7 * 24 * 3600 * 1000;

export interface EffectWeek {
  /** The first day of the window, YYYY-MM-DD (UTC). */
  week: string;
  tickets: number;
}

export interface Effect {
  before: EffectWeek[];
  after: EffectWeek[];
  changePercent: number | null;
}

/** The span of fixedAt to read: from 12 weeks before done to now. */
export function effectRange(doneAt: Date, now: Date): { from: Date; to: Date } {
  return { from: new Date(doneAt.getTime() - EFFECT_WEEKS_BEFORE * WEEK_MS), to: now };
}

export function effectOf(doneAt: Date, now: Date, fixedAt: Date[]): Effect {
  const done = doneAt.getTime();
  const afterWeeks = Math.max(0, Math.floor((now.getTime() - done) / WEEK_MS));
  const start = (i: number) => new Date(done + i * WEEK_MS).toISOString().slice(0, 10);
  const before = Array.from({ length: EFFECT_WEEKS_BEFORE }, (_, k) => ({ week: start(k - EFFECT_WEEKS_BEFORE), tickets: 0 }));
  const after = Array.from({ length: afterWeeks }, (_, k) => ({ week: start(k), tickets: 0 }));
  for (const at of fixedAt) {
    const i = Math.floor((at.getTime() - done) / WEEK_MS);
    if (i < 0 && i >= -EFFECT_WEEKS_BEFORE) before[i + EFFECT_WEEKS_BEFORE].tickets++;
    else if (i >= 0 && i < afterWeeks) after[i].tickets++;
  }
  return { before, after, changePercent: changePercent(before, after) };
}

export function changePercent(before: EffectWeek[], after: EffectWeek[]): number | null {
  if (!after.length || !before.length) return null;
  const mean = (weeks: EffectWeek[]) => weeks.reduce((s, w) => s + w.tickets, 0) / weeks.length;
  const b = mean(before);
  if (b === 0) return null;
  return Math.round(((mean(after) - b) / b) * 1000) / 10;
}
