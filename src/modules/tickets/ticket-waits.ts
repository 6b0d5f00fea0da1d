import type { PauseInput } from '../sla/sla-explain.js';

/**
 * The waits on the customer, read back from the append-only timeline: each `waiting`
 * event opens one and the next `resumed` closes it (a ticket leaves waiting only by
 * resuming). The timers keep just their sum; the explanation needs the moments.
 */
export function waitsOf(timeline: { type: string; at: string }[]): PauseInput[] {
  const out: PauseInput[] = [];
  for (const e of timeline) {
    if (e.type === 'waiting') out.push({ from: new Date(e.at), to: null });
    else if (e.type === 'resumed' && out.length && out[out.length - 1].to === null) out[out.length - 1].to = new Date(e.at);
  }
  return out;
}

/** The waits that paused one timer: begun while it ran (since its last start, before it was met). */
export function waitsOfTimer(waits: PauseInput[], timer: { startedAt: Date; metAt: Date | null }): PauseInput[] {
  return waits.filter((w) => w.from >= timer.startedAt && (!timer.metAt || w.from < timer.metAt));
}
