import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, ReplayableClock } from '../../../common/clock/clock.js';
import { DomainError } from '../../../common/errors/domain-error.js';
import { Dealer } from '../../../modules/dealers/dealer.entity.js';
import { Survey } from '../../../modules/surveys/survey.entity.js';
import type { Actor } from '../../../modules/users/roles.js';
import { toActor, UsersService } from '../../../modules/users/users.service.js';
import type { StoryCountry } from './story-plan.js';

/** What every chapter of the story works with: the app, the demo's dealers and people, and the clock to replay on. */
export interface StoryContext {
  app: INestApplicationContext;
  seed: number;
  /** The moment the story ends (the real now at seeding). */
  now: Date;
  clock: ReplayableClock;
  dealers: Record<StoryCountry, Dealer>;
  actors: {
    reception: Record<StoryCountry, Actor>;
    manager: Record<StoryCountry, Actor>;
    quality: Actor;
    principal: Actor;
  };
  surveyId: string | null;
  /** Refusals met while replaying, by code: a correct plan has none (the e2e suite checks). */
  refused: Record<string, number>;
  /** Runs one step; a DomainError is counted and skipped, so one odd step never stops the demo from starting. */
  attempt<T>(work: () => Promise<T>): Promise<T | undefined>;
}

export async function storyContext(app: INestApplicationContext, seed: number): Promise<StoryContext> {
  const clock = app.get(Clock);
  if (!(clock instanceof ReplayableClock)) throw new Error('The demo story needs the app clock from ClockModule (a ReplayableClock)');
  const ds = app.get(DataSource);
  const users = app.get(UsersService);
  const actor = async (email: string) => toActor((await users.findByEmail(email))!, 'session');
  const dealers = {} as Record<StoryCountry, Dealer>;
  const reception = {} as Record<StoryCountry, Actor>;
  const manager = {} as Record<StoryCountry, Actor>;
  for (const country of ['no', 'se', 'nl'] as const) {
    dealers[country] = await ds.getRepository(Dealer).findOneByOrFail({ country });
    reception[country] = await actor(`reception.${country}@demo.test`);
    manager[country] = await actor(`sales.manager.${country}@demo.test`);
  }
  const survey = await ds.getRepository(Survey).findOne({ where: { kind: 'after-sales' }, order: { createdAt: 'ASC' } });
  const refused: Record<string, number> = {};
  return {
    app, seed, now: clock.now(), clock, dealers,
    actors: { reception, manager, quality: await actor('quality@demo.test'), principal: await actor('principal@demo.test') },
    surveyId: survey?.id ?? null,
    refused,
    attempt: async (work) => {
      try {
        return await work();
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        refused[e.code] = (refused[e.code] ?? 0) + 1;
        return undefined;
      }
    },
  };
}
