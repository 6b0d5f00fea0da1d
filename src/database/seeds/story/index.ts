import { Logger, type INestApplicationContext } from '@nestjs/common';
import { Clock } from '../../../common/clock/clock.js';
import { UnitOfWork } from '../../../common/database/unit-of-work.js';
import { SlaSweepService } from '../../../modules/escalation/sla-sweep.service.js';
import { Notification } from '../../../modules/notifications/notification.entity.js';
import { recoveryHistory } from './recovery-history.js';
import { storyContext, type StoryContext } from './story-context.js';

/** One chapter of the demo story: writes its part (through the services, on the replayed clock) and says what it wrote. */
export type StoryChapter = { name: string; write: (ctx: StoryContext) => Promise<string> };

/**
 * The chapters, in order, each its own file in this folder. Add yours here: demo
 * improvements (issue 18) and loyalty journeys (issue 19) come after the recovery
 * history, whose tickets they can build on.
 */
export const STORY_CHAPTERS: StoryChapter[] = [
  { name: 'recovery history', write: recoveryHistory },
];

export interface StoryReport {
  seed: number;
  now: Date;
  ms: number;
  /** CPU time of the process meanwhile (user + system): wall time on a busy machine says little. */
  cpuMs: number;
  /** Refusals met while replaying, by code: none for a correct plan. */
  refused: Record<string, number>;
}

let lastReport: StoryReport | null = null;

/** What the last story seeded in this process said (the suites check it replayed without a refusal). */
export function lastStoryReport(): StoryReport | null {
  return lastReport;
}

/**
 * The demo story (API.md, "Demo data"): twelve weeks of history across the demo dealers,
 * written inside the minimal demo (after its people, before its tickets of the last days),
 * once, before the app serves or schedules anything. replayStory, then finishStory.
 * Deterministic from `seed` and the clock's now. What it mailed belongs to the past: the
 * outbox rows are marked sent, so no mail storm goes out on first start.
 *
 * This part replays the chapters on the replayed clock.
 */
export async function replayStory(app: INestApplicationContext, seed: number): Promise<StoryContext> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const ctx = await storyContext(app, seed);
  const said: string[] = [];
  try {
    for (const chapter of STORY_CHAPTERS) said.push(`${chapter.name}: ${await chapter.write(ctx)}`);
  } finally {
    ctx.clock.replay(null);
  }
  const used = process.cpuUsage(cpu);
  lastReport = { seed, now: ctx.now, ms: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000), refused: { ...ctx.refused } };
  const refused = Object.entries(ctx.refused).map(([code, n]) => `${code} ×${n}`).join(', ');
  new Logger('Seed').log(`Demo story (seed ${seed}) in ${lastReport.ms} ms (CPU ${lastReport.cpuMs} ms): ${said.join('; ')}${refused ? `; refused: ${refused}` : ''}`);
  return ctx;
}

/** After the whole demo: deadlines that passed since the last replayed step are swept now, as a running app would, and the outbox is history. */
export async function finishStory(app: INestApplicationContext): Promise<void> {
  await app.get(SlaSweepService).sweep(app.get(Clock).now());
  await markOutboxSent(app);
}

/** Every mail the story queued is history: marked sent (when it was queued), never delivered. */
async function markOutboxSent(app: INestApplicationContext): Promise<void> {
  await app.get(UnitOfWork).run((m) =>
    m.createQueryBuilder().update(Notification).set({ state: 'sent', sentAt: () => '"createdAt"', attempts: 1, lockedUntil: null }).where('state = :pending', { pending: 'pending' }).execute(),
  );
}
