import { Logger, type INestApplicationContext } from '@nestjs/common';
import { Clock } from '../../common/clock/clock.js';
import { DealersService } from '../../modules/dealers/dealers.service.js';
import { IntakeService } from '../../modules/tickets/intake/intake.service.js';
import type { CreateTicketDto } from '../../modules/tickets/intake/create-ticket.dto.js';
import { toActor, UsersService } from '../../modules/users/users.service.js';
import { SurveyResponsesService } from '../../modules/surveys/survey-responses.service.js';
import { SurveysService } from '../../modules/surveys/surveys.service.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { seedLoyaltyDemo } from './loyalty.seed.js';
import { seedImprovementsDemo } from './improvements.seed.js';
import { finishStory, replayStory } from './story/index.js';
import { DEMO_PASSWORD, DEMO_SURVEY_SCORES, demoAfterSalesSurvey, demoDealers, salesDeskWait } from './demo-data.js';

/**
 * Seeds the demo unless its admin already exists; returns whether it seeded. With `story`
 * (its seed), twelve weeks of history follow the minimal demo (src/database/seeds/story);
 * with `outerLoop`, the improvements (src/database/seeds/improvements.seed.ts) and the
 * loyalty journeys (loyalty.seed.ts) too: the test suites leave them out, their figures
 * count the minimal demo's tickets.
 */
export async function seedDemoIfEmpty(app: INestApplicationContext, options: { story?: number | null; outerLoop?: boolean } = {}): Promise<boolean> {
  const users = app.get(UsersService);
  if (await users.findByEmail('admin@demo.test')) return false;
  const story = options.story;
  // The story's weeks come before the minimal demo's tickets of the last days, so that every timeline runs forward in time.
  await seedDemo(app, options.outerLoop ?? true, story === undefined || story === null ? undefined : () => replayStory(app, story));
  if (story !== undefined && story !== null) await finishStory(app);
  return true;
}

async function seedDemo(app: INestApplicationContext, outerLoop: boolean, history?: () => Promise<unknown>): Promise<void> {
  const dealersService = app.get(DealersService);
  const users = app.get(UsersService);
  const intake = app.get(IntakeService);
  const now = app.get(Clock).now();
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();

  const dealers: Record<string, { id: string; currency: string }> = {};
  for (const d of demoDealers(now.getUTCFullYear())) {
    const created = await dealersService.create({ ...d, calendar: { weekly: d.calendar.weekly, holidays: d.calendar.holidays } });
    dealers[d.country] = created;
  }

  const password = DEMO_PASSWORD;
  await users.create({ name: 'Ada Admin', email: 'admin@demo.test', password, role: 'admin', dealerId: null, language: 'en' });
  await users.create({ name: 'Quinn Quality', email: 'quality@demo.test', password, role: 'quality-manager', dealerId: null, language: 'en' });
  await users.create({ name: 'Pia Principal', email: 'principal@demo.test', password, role: 'principal', dealerId: null, language: 'en' });
  const receptionists: Record<string, Awaited<ReturnType<UsersService['create']>>> = {};
  const managers: Record<string, Awaited<ReturnType<UsersService['create']>>> = {};
  const names: Record<string, [string, string, string]> = {
    no: ['Ingrid Haugen', 'Lars Berg', 'nb'],
    se: ['Elin Lindqvist', 'Johan Ek', 'sv'],
    nl: ['Anouk Jansen', 'Pieter Bakker', 'nl'],
  };
  for (const [country, [reception, manager, language]] of Object.entries(names)) {
    const dealerId = dealers[country].id;
    receptionists[country] = await users.create({ name: reception, email: `reception.${country}@demo.test`, password, role: 'receptionist', dealerId, department: 'reception', language });
    managers[country] = await users.create({ name: manager, email: `sales.manager.${country}@demo.test`, password, role: 'department-manager', dealerId, department: 'sales', language });
  }

  const survey = await app.get(SurveysService).create(demoAfterSalesSurvey());
  await history?.();

  const log = (country: string, dto: object) => intake.create(toActor(receptionists[country], 'session'), dto as CreateTicketDto);

  await log('nl', salesDeskWait(dealers.nl.id, hoursAgo(2)));
  await log('no', {
    dealerId: dealers.no.id, department: 'service', category: 'workmanship', channel: 'phone', severity: 'medium', receivedAt: hoursAgo(26),
    customer: { name: 'Kari Nordmann', phone: '+47 912 34 567', language: 'nb', style: { outgoing: true, factsFirst: true } },
    vehicle: { registration: 'EV 12345', vin: 'WVWZZZE1ZNP000123', model: 'ID.4' },
    account: 'The rattle in the dashboard is still there after the second workshop visit.',
    desiredOutcome: 'Fix it properly this time and a loan car while you do.',
    onTheSpot: { listened: true },
  });
  await log('se', {
    dealerId: dealers.se.id, department: 'parts', category: 'parts-availability', channel: 'e-mail', severity: 'low', receivedAt: hoursAgo(50),
    customer: { name: 'Sven Larsson', email: 'sven.larsson@example.se', language: 'sv' },
    account: 'The winter tyres I ordered three weeks ago have still not arrived and nobody tells me when.',
    desiredOutcome: 'A delivery date.',
  });
  await log('nl', {
    dealerId: dealers.nl.id, department: 'service', category: 'communication', channel: 'letter', severity: 'critical', receivedAt: hoursAgo(5),
    customer: { name: 'Joost van Dijk', email: 'joost.vandijk@example.nl', language: 'nl', style: { outgoing: true, factsFirst: false } },
    account: 'My car was returned with a scratch on the door and nobody mentioned it.',
    onTheSpot: { listened: true, apology: { by: 'Anouk Jansen', how: 'letter' } },
  });
  // A few answers per dealer to the after-sales survey, one of them negative.
  const quality = toActor((await users.findByEmail('quality@demo.test'))!, 'session');
  const responses = app.get(SurveyResponsesService);
  let n = 0;
  for (const [country, scores] of Object.entries(DEMO_SURVEY_SCORES)) {
    for (const [i, s] of scores.entries()) {
      await responses.receive(quality, survey.id, {
        externalId: `demo-${country}-${i}`,
        dealerId: dealers[country].id,
        respondedAt: hoursAgo(24 * (i + 1)),
        customer: { name: `Survey respondent ${country.toUpperCase()} ${i + 1}`, email: `respondent.${country}.${i + 1}@example.com` },
        answers: Object.entries(s).map(([questionId, score]) => ({ questionId, score })),
      } as never);
      n++;
    }
  }
  const extras = outerLoop ? await seedDemoExtras(app) : null;
  new Logger('Seed').log(`Demo data seeded: 3 dealers, 9 users, 4 tickets, 1 survey with ${n} responses${extras ? `, ${extras.journeys} loyalty journeys, 2 improvements with their 35 tickets` : ''}`);
}

/**
 * The outer loop's and the loyalty journey's demo (improvements with their fixed tickets;
 * closed tickets with contacts in every state). Runs on an initialised app: the contacts
 * module's ticket hooks and the outbox's enrichers are registered at init. The test
 * suites leave it out (their figures count the minimal demo's tickets).
 */
export async function seedDemoExtras(app: INestApplicationContext): Promise<{ journeys: number }> {
  const users = app.get(UsersService);
  const dealers: Record<string, { id: string; currency: string }> = {};
  const managers: Record<string, ReturnType<typeof toActor>> = {};
  for (const country of ['no', 'se', 'nl']) {
    const manager = (await users.findByEmail(`sales.manager.${country}@demo.test`))!;
    const dealer = await app.get(DealersService).get(manager.dealerId!);
    dealers[country] = { id: dealer.id, currency: dealer.currency };
    managers[country] = toActor(manager, 'session');
  }
  const journeys = app.get<AppConfig>(APP_CONFIG).env === 'test' ? 0 : await seedLoyaltyDemo(app, dealers, managers);
  await seedImprovementsDemo(app, dealers);
  return { journeys };
}
