import { addBusinessMinutes, afterBusinessDays, businessMinutesBetween, type ZonedCalendar } from '../../../modules/sla/business-time.js';
import type { CompensationKind, ContactWay, Severity } from '../../../modules/tickets/ticket-values.js';
import { demoDealers } from '../demo-data.js';
import { seededRng, type Rng } from './prng.js';
import {
  ACCOUNTS, ACTIONS, APOLOGIES, DESIRED, ESCALATION_REASON, FIRST_NAMES, LAST_NAMES, NO_COMPENSATION, RATING_COMMENTS,
  type StoryCategory, type StoryLanguage,
} from './story-texts.js';

/**
 * The demo story as data: twelve weeks of complaints at the three demo dealers, each with
 * the steps staff and customers took, at their moments. Pure: the same seed and `now` give
 * the same plan. Dates are relative to `now` (the story ends there), so the dashboard's
 * recent periods are full whenever the demo starts. replay-story.ts plays it through the
 * app's services.
 */
export const STORY_WEEKS = 12;
export const DEFAULT_STORY_SEED = 20261130;

export type StoryCountry = 'no' | 'se' | 'nl';
export const STORY_COUNTRIES: StoryCountry[] = ['no', 'se', 'nl'];
const LANGUAGE: Record<StoryCountry, StoryLanguage> = { no: 'nb', se: 'sv', nl: 'nl' };
const DOMAIN: Record<StoryCountry, string> = { no: 'example.no', se: 'example.se', nl: 'example.nl' };

/** The default SLA policies of the migrations (business minutes): listen, apologise, fix, resolve. */
export const DEFAULT_TARGETS: Record<Severity, { listen: number; apologise: number; fix: number; resolve: number }> = {
  critical: { listen: 60, apologise: 120, fix: 480, resolve: 1440 },
  high: { listen: 120, apologise: 240, fix: 960, resolve: 2400 },
  medium: { listen: 240, apologise: 480, fix: 1440, resolve: 4800 },
  low: { listen: 480, apologise: 960, fix: 2400, resolve: 9600 },
};

/** How each dealer does: the league table has a leader and a laggard. */
const DEALER_STYLE: Record<StoryCountry, { tickets: number; lateness: number; goodScores: number; currency: string; scale: number }> = {
  no: { tickets: 100, lateness: 0.16, goodScores: 0.78, currency: 'NOK', scale: 10 },
  se: { tickets: 90, lateness: 0.3, goodScores: 0.66, currency: 'SEK', scale: 10 },
  nl: { tickets: 110, lateness: 0.1, goodScores: 0.86, currency: 'EUR', scale: 1 },
};

/** Waiting time and communication lead the Pareto, as at most dealers. */
const CATEGORY_WEIGHTS: Record<StoryCategory, number> = {
  'waiting-time': 24, communication: 20, workmanship: 12, 'parts-availability': 10, 'staff-attitude': 8, pricing: 8, process: 8, 'vehicle-damage': 5, product: 5,
};

const DEPARTMENTS_OF: Record<StoryCategory, string[]> = {
  'waiting-time': ['service', 'service', 'sales', 'reception'],
  communication: ['service', 'sales', 'parts'],
  workmanship: ['service'],
  'parts-availability': ['parts', 'service'],
  'staff-attitude': ['sales', 'service', 'reception'],
  pricing: ['service', 'sales', 'finance'],
  process: ['sales', 'service', 'finance'],
  'vehicle-damage': ['service'],
  product: ['sales', 'service'],
};

const ROOT_CAUSE_OF: Record<StoryCategory, string> = {
  'waiting-time': 'waiting-time', communication: 'communication', workmanship: 'workmanship', 'parts-availability': 'parts-availability',
  'staff-attitude': 'staff-attitude', pricing: 'pricing', process: 'process', 'vehicle-damage': 'workmanship', product: 'product',
};

const MODELS = ['ID.3', 'ID.4', 'ID.7 Tourer', 'Golf', 'Passat Variant', 'Tiguan', 'Polo', 'T-Roc'];

export type StoryAction =
  | { kind: 'assign'; to: 'reception' | 'manager' }
  | { kind: 'listen'; contactedVia: ContactWay }
  | { kind: 'apologise'; by: string; how: ContactWay; message?: string }
  | { kind: 'wait' }
  | { kind: 'resume' }
  | { kind: 'fix'; rootCause: string; action: string; owner: string }
  | { kind: 'propose'; compensation: { kind: CompensationKind; amount: number; note: string } }
  | { kind: 'approve' }
  | { kind: 'deliver' }
  | { kind: 'compensate'; noCompensation?: string }
  | { kind: 'rate'; score: number; comment?: string }
  | { kind: 'follow-up'; score: number; comment?: string }
  | { kind: 'close'; outcome: 'retained' | 'lost' | 'unknown' }
  | { kind: 'escalate'; reason: string }
  | { kind: 'acknowledge' };

export interface StoryStep {
  at: Date;
  action: StoryAction;
}

export interface StoryIntake {
  department: string;
  category: StoryCategory;
  channel: 'walk-in' | 'phone' | 'e-mail' | 'letter' | 'social-media';
  severity: Severity;
  receivedAt: string;
  customer: { name: string; email?: string; phone?: string; language: StoryLanguage };
  vehicle?: { model: string };
  account: string;
  desiredOutcome?: string;
  saleAtRisk?: { model: string; value: { amount: number; currency: string } };
  onTheSpot?: { listened: true; apology?: { by: string; how: 'in-person' } };
}

/** What a ticket's steps were meant to leave it as at `now` (the tests hold the replay to it). */
export type StoryIntent = 'met' | 'breached' | 'at-risk' | 'on-track' | 'stalled';

export interface StoryTicket {
  key: string;
  country: StoryCountry;
  /** When the receptionist logged it (at or after receivedAt). */
  loggedAt: Date;
  intake: StoryIntake;
  steps: StoryStep[];
  intent: StoryIntent;
}

export interface StorySurveyResponse {
  key: string;
  country: StoryCountry;
  respondedAt: Date;
  customer: { name: string; email: string };
  scores: Record<string, number>;
  /** Steps on the ticket a negative answer opens (none for a positive one). */
  steps: StoryStep[];
}

export interface StoryPlan {
  seed: number;
  now: Date;
  from: Date;
  tickets: StoryTicket[];
  responses: StorySurveyResponse[];
}

const DAY = 86_400_000;
const MINUTE = 60_000;

/** The demo dealers' calendars, as the seed creates them for `now`'s year. */
export function storyCalendars(now: Date): Record<StoryCountry, ZonedCalendar> {
  const out = {} as Record<StoryCountry, ZonedCalendar>;
  for (const d of demoDealers(now.getUTCFullYear())) out[d.country] = { weekly: d.calendar.weekly, holidays: d.calendar.holidays, timeZone: d.timeZone } as ZonedCalendar;
  return out;
}

export function planStory(seed: number, now: Date): StoryPlan {
  const rng = seededRng(seed);
  const from = new Date(now.getTime() - STORY_WEEKS * 7 * DAY);
  const calendars = storyCalendars(now);
  const tickets: StoryTicket[] = [];
  const responses: StorySurveyResponse[] = [];
  for (const country of STORY_COUNTRIES) {
    const style = DEALER_STYLE[country];
    for (let i = 0; i < style.tickets; i++) {
      const t = planTicket(rng, country, `${country}-${String(i + 1).padStart(3, '0')}`, from, now, calendars[country]);
      if (t) tickets.push(t);
    }
    // Two tickets per dealer placed so that their resolve deadline is near at `now`.
    for (let i = 0; i < 2; i++) tickets.push(planAtRisk(rng, country, `${country}-risk-${i + 1}`, now, calendars[country]));
    for (let i = 0; i < 30; i++) responses.push(planResponse(rng, country, `${country}-survey-${String(i + 1).padStart(2, '0')}`, from, now, calendars[country]));
  }
  tickets.sort((a, b) => a.loggedAt.getTime() - b.loggedAt.getTime() || a.key.localeCompare(b.key));
  responses.sort((a, b) => a.respondedAt.getTime() - b.respondedAt.getTime() || a.key.localeCompare(b.key));
  return { seed, now, from, tickets, responses };
}

function customerOf(rng: Rng, country: StoryCountry, n: string) {
  const language = LANGUAGE[country];
  const first = rng.pick(FIRST_NAMES[language]);
  const last = rng.pick(LAST_NAMES[language]);
  const local = `${first}.${last}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '');
  return { name: `${first} ${last}`, email: `${local}.${n}@${DOMAIN[country]}`, language };
}

function planTicket(rng: Rng, country: StoryCountry, key: string, from: Date, now: Date, cal: ZonedCalendar): StoryTicket | null {
  const language = LANGUAGE[country];
  const style = DEALER_STYLE[country];
  const category = rng.weighted(CATEGORY_WEIGHTS);
  const channel = rng.weighted({ 'walk-in': 30, phone: 28, 'e-mail': 30, letter: 4, 'social-media': 8 } as const);
  const severity = rng.weighted({ low: 22, medium: 46, high: 24, critical: 8 } as const);
  const department = rng.pick(DEPARTMENTS_OF[category]);
  // Complaints in person or by phone come in opening hours; written ones at any hour, logged once someone is in.
  const raw = new Date(from.getTime() + rng.next() * (now.getTime() - from.getTime()));
  const inPerson = channel === 'walk-in' || channel === 'phone';
  const receivedAt = inPerson ? addBusinessMinutes(raw, 1, cal) : raw;
  const loggedAt = inPerson ? new Date(receivedAt.getTime() + rng.int(2, 15) * MINUTE) : addBusinessMinutes(receivedAt, rng.int(10, 120), cal);
  if (loggedAt.getTime() > now.getTime()) return null;
  const customer = customerOf(rng, country, key.slice(3));
  const saleAtRisk = department === 'sales' && rng.chance(0.45)
    ? { model: rng.pick(MODELS), value: { amount: rng.int(28, 65) * 1000 * style.scale, currency: style.currency } }
    : undefined;
  const onSpot = channel === 'walk-in' && rng.chance(0.7);
  const intake: StoryIntake = {
    department, category, channel, severity, receivedAt: receivedAt.toISOString(),
    customer: { ...customer, ...(rng.chance(0.4) ? { phone: phoneOf(rng, country) } : {}) },
    ...(rng.chance(0.6) ? { vehicle: { model: rng.pick(MODELS) } } : {}),
    account: rng.pick(ACCOUNTS[language][category]),
    ...(rng.chance(0.7) ? { desiredOutcome: rng.pick(DESIRED[language]) } : {}),
    ...(saleAtRisk ? { saleAtRisk } : {}),
    ...(onSpot ? { onTheSpot: { listened: true as const, ...(rng.chance(0.5) ? { apology: { by: 'Resepsjon / Reception', how: 'in-person' as const } } : {}) } } : {}),
  };
  if (intake.onTheSpot?.apology) intake.onTheSpot.apology.by = { nb: 'Resepsjonen', sv: 'Receptionen', nl: 'De receptie' }[language];
  const ageDays = (now.getTime() - receivedAt.getTime()) / DAY;
  const stalled = ageDays > 12 && rng.chance(0.03);
  const steps = lifecycle(rng, country, intake, receivedAt, loggedAt, cal, { stalled });
  const kept = steps.filter((s) => s.at.getTime() <= now.getTime());
  const intent: StoryIntent = stalled ? 'stalled' : kept.some((s) => s.action.kind === 'close') ? 'met' : 'on-track';
  return { key, country, loggedAt, intake, steps: kept, intent };
}

function phoneOf(rng: Rng, country: StoryCountry): string {
  if (country === 'no') return `+47 9${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(100, 999)}`;
  if (country === 'se') return `+46 70 ${rng.int(100, 999)} ${rng.int(10, 99)} ${rng.int(10, 99)}`;
  return `+31 6 ${rng.int(1000, 9999)} ${rng.int(1000, 9999)}`;
}

/**
 * The steps of one ticket from intake to closing, each at a moment in the dealer's opening
 * hours: a stage on time lands before its deadline, a late one after it (and the sweep
 * escalates it meanwhile). A stalled ticket stops part-way and stays breached.
 */
function lifecycle(rng: Rng, country: StoryCountry, intake: StoryIntake, receivedAt: Date, loggedAt: Date, cal: ZonedCalendar, opts: { stalled: boolean }): StoryStep[] {
  const language = LANGUAGE[country];
  const style = DEALER_STYLE[country];
  const targets = DEFAULT_TARGETS[intake.severity];
  const steps: StoryStep[] = [];
  let last = loggedAt;
  const push = (at: Date, action: StoryAction) => {
    const when = at.getTime() <= last.getTime() ? new Date(last.getTime() + rng.int(1, 20) * MINUTE) : at;
    steps.push({ at: when, action });
    last = when;
    return when;
  };
  const after = (minutes: number) => addBusinessMinutes(last, minutes, cal);
  /** A stage's moment: before its deadline, or (late) past it; late work is acknowledged first, mostly. */
  const stage = (target: number, action: StoryAction) => {
    const late = rng.chance(style.lateness);
    const at = addBusinessMinutes(receivedAt, Math.round(target * (late ? rng.between(1.1, 2.3) : rng.between(0.25, 0.85))), cal);
    if (late && rng.chance(0.8)) push(new Date(Math.max(at.getTime() - 30 * MINUTE, last.getTime() + MINUTE)), { kind: 'acknowledge' });
    push(at, action);
  };

  if (rng.chance(0.6)) push(after(rng.int(5, 45)), { kind: 'assign', to: intake.department === 'sales' ? 'manager' : 'reception' });
  if (!intake.onTheSpot) stage(targets.listen, { kind: 'listen', contactedVia: intake.channel === 'e-mail' ? 'e-mail' : 'phone' });
  if (!intake.onTheSpot?.apology) {
    stage(targets.apologise, { kind: 'apologise', by: { nb: 'Servicesjef', sv: 'Servicechef', nl: 'Servicemanager' }[language], how: rng.pick(['phone', 'e-mail', 'in-person'] as const), ...(rng.chance(0.5) ? { message: rng.pick(APOLOGIES[language]) } : {}) });
  }
  if (rng.chance(0.04)) push(after(rng.int(30, 240)), { kind: 'escalate', reason: ESCALATION_REASON[language] });
  if (rng.chance(0.1)) {
    push(after(rng.int(20, 120)), { kind: 'wait' });
    push(after(rng.int(400, 1600)), { kind: 'resume' });
  }
  const rootCause = rng.chance(0.8) ? ROOT_CAUSE_OF[intake.category] : rng.pick(['communication', 'process', 'waiting-time', 'other']);
  const owner = { nb: 'Verkstedsjef', sv: 'Verkstadschef', nl: 'Chef werkplaats' }[language];
  stage(targets.fix, { kind: 'fix', rootCause, action: ACTIONS[language][rootCause], owner });
  const compensated = rng.chance(0.45);
  if (compensated) {
    const kind = rng.pick(['fuel', 'free-service', 'loan-car', 'goodwill-discount', 'gift'] as const);
    const amount = rng.pick([30, 45, 80, 150, 250, 400, 750]) * style.scale;
    push(after(rng.int(20, 180)), { kind: 'propose', compensation: { kind, amount, note: NOTE[kind][language] } });
    if (amount > 50) push(after(rng.int(60, 600)), { kind: 'approve' });
    push(after(rng.int(60, 900)), { kind: 'deliver' });
  }
  stage(targets.resolve, compensated ? { kind: 'compensate' } : { kind: 'compensate', noCompensation: NO_COMPENSATION[language] });
  // The follow-up request goes out two business days after resolving; most answer within days.
  const asked = afterBusinessDays(last, 2, cal);
  last = asked;
  const score = rng.chance(style.goodScores) ? rng.weighted({ 5: 55, 4: 45 } as const) : rng.weighted({ 3: 45, 2: 30, 1: 25 } as const);
  const byCustomer = rng.chance(0.65);
  const comment = rng.chance(0.5) ? rng.pick(RATING_COMMENTS[language][Number(score) >= 4 ? 'good' : 'poor']) : undefined;
  push(after(rng.int(60, 1200)), byCustomer ? { kind: 'rate', score: Number(score), comment } : { kind: 'follow-up', score: Number(score), comment });
  if (Number(score) <= 2) {
    // Reopened into fix: the work is done again, and the customer asked once more.
    push(after(rng.int(120, 900)), { kind: 'fix', rootCause, action: ACTIONS[language][rootCause], owner });
    push(after(rng.int(120, 900)), compensated ? { kind: 'compensate' } : { kind: 'compensate', noCompensation: NO_COMPENSATION[language] });
    push(after(rng.int(600, 1500)), { kind: 'follow-up', score: rng.int(3, 5) });
  }
  const finalScore = (steps.filter((s) => s.action.kind === 'rate' || s.action.kind === 'follow-up').at(-1)!.action as { score: number }).score;
  push(after(rng.int(60, 1400)), { kind: 'close', outcome: finalScore >= 4 ? (rng.chance(0.85) ? 'retained' : 'unknown') : rng.pick(['lost', 'unknown', 'retained'] as const) });

  if (!opts.stalled) return steps;
  // Stalled: stops before some stage and is never acknowledged; the sweep escalates it to the top.
  const stages = steps.map((s, i) => [s.action.kind, i] as const).filter(([k]) => ['listen', 'apologise', 'fix', 'compensate'].includes(k));
  const cut = stages.length ? stages[rng.int(0, stages.length - 1)][1] : steps.length;
  return steps.slice(0, cut).filter((s) => s.action.kind !== 'acknowledge' && s.action.kind !== 'wait' && s.action.kind !== 'resume');
}

const NOTE: Record<CompensationKind, Record<StoryLanguage, string>> = {
  fuel: { nb: 'Full tank på lånebilen', sv: 'Full tank i lånebilen', nl: 'U hoeft de leenauto niet te tanken' },
  'free-service': { nb: 'Neste service uten kostnad', sv: 'Nästa service utan kostnad', nl: 'Volgende onderhoudsbeurt gratis' },
  'loan-car': { nb: 'Lånebil til saken er løst', sv: 'Lånebil tills ärendet är löst', nl: 'Leenauto tot het is opgelost' },
  'goodwill-discount': { nb: 'Rabatt på regningen', sv: 'Rabatt på fakturan', nl: 'Korting op de factuur' },
  gift: { nb: 'Blomster og en unnskyldning', sv: 'Blommor och en ursäkt', nl: 'Bloemen en excuses' },
  refund: { nb: 'Tilbakebetaling', sv: 'Återbetalning', nl: 'Terugbetaling' },
  other: { nb: 'Annet', sv: 'Annat', nl: 'Anders' },
};

/**
 * A low-severity ticket received so long ago that its resolve deadline is between the
 * warning and the breach at `now`: listened, apologised and fixed on time, not resolved yet.
 */
function planAtRisk(rng: Rng, country: StoryCountry, key: string, now: Date, cal: ZonedCalendar): StoryTicket {
  const language = LANGUAGE[country];
  const targets = DEFAULT_TARGETS.low;
  const share = rng.between(0.8, 0.92);
  let receivedAt = new Date(now.getTime() - 60 * MINUTE);
  // Step back until the business time since receipt is `share` of the resolve target.
  while (businessMinutesBetween(receivedAt, now, cal) < targets.resolve * share) receivedAt = new Date(receivedAt.getTime() - 30 * MINUTE);
  receivedAt = addBusinessMinutes(receivedAt, 1, cal);
  const customer = customerOf(rng, country, key.slice(3));
  const category = rng.pick(['parts-availability', 'communication'] as const);
  const intake: StoryIntake = {
    department: category === 'parts-availability' ? 'parts' : 'service', category, channel: 'e-mail', severity: 'low', receivedAt: receivedAt.toISOString(),
    customer, account: rng.pick(ACCOUNTS[language][category]),
  };
  const at = (share: number) => addBusinessMinutes(receivedAt, Math.round(share), cal);
  const steps: StoryStep[] = [
    { at: at(20), action: { kind: 'assign', to: 'reception' } },
    { at: at(targets.listen * 0.5), action: { kind: 'listen', contactedVia: 'e-mail' } },
    { at: at(targets.apologise * 0.5), action: { kind: 'apologise', by: { nb: 'Delesjef', sv: 'Reservdelschef', nl: 'Chef magazijn' }[language], how: 'e-mail', message: APOLOGIES[language][1] } },
    { at: at(targets.fix * 0.6), action: { kind: 'fix', rootCause: ROOT_CAUSE_OF[category], action: ACTIONS[language][ROOT_CAUSE_OF[category]], owner: 'Service' } },
    // Above the receptionist's limit: the first waits for approval, the second is approved and not yet delivered.
    { at: at(targets.fix * 0.7), action: { kind: 'propose', compensation: { kind: 'loan-car', amount: 400 * DEALER_STYLE[country].scale, note: NOTE['loan-car'][language] } } },
    ...(key.endsWith('2') ? [{ at: at(targets.fix * 0.8), action: { kind: 'approve' } as const }] : []),
  ];
  return { key, country, loggedAt: new Date(receivedAt.getTime() + 5 * MINUTE), intake, steps, intent: 'at-risk' };
}

/** A survey answer; about one in eight is negative somewhere and opens a ticket, which staff then work. */
function planResponse(rng: Rng, country: StoryCountry, key: string, from: Date, now: Date, cal: ZonedCalendar): StorySurveyResponse {
  const respondedAt = new Date(from.getTime() + rng.next() * (now.getTime() - from.getTime()));
  const negative = rng.chance(0.13);
  const good = () => rng.int(7, 10);
  const scores: Record<string, number> = { driving: good(), 'reception-wait': good(), explained: good(), recommend: good() };
  if (negative) scores[rng.pick(['reception-wait', 'explained', 'reception-wait', 'driving'])] = rng.int(1, 4);
  const customer = customerOf(rng, country, key.slice(3));
  const steps: StoryStep[] = [];
  if (negative) {
    const language = LANGUAGE[country];
    let last = new Date(respondedAt.getTime() + MINUTE);
    const next = (min: number, max: number) => (last = addBusinessMinutes(last, rng.int(min, max), cal));
    steps.push({ at: next(30, 200), action: { kind: 'listen', contactedVia: 'phone' } });
    steps.push({ at: next(30, 200), action: { kind: 'apologise', by: { nb: 'Servicesjef', sv: 'Servicechef', nl: 'Servicemanager' }[language], how: 'phone' } });
    steps.push({ at: next(200, 1200), action: { kind: 'fix', rootCause: rng.pick(['waiting-time', 'communication']), action: ACTIONS[language].communication, owner: 'Service' } });
    steps.push({ at: next(200, 1500), action: { kind: 'compensate', noCompensation: NO_COMPENSATION[language] } });
    steps.push({ at: next(1200, 2400), action: { kind: 'rate', score: rng.int(3, 5) } });
    steps.push({ at: next(60, 600), action: { kind: 'close', outcome: 'retained' } });
  }
  return { key, country, respondedAt, customer: { name: customer.name, email: customer.email }, scores, steps: steps.filter((s) => s.at.getTime() <= now.getTime()) };
}
