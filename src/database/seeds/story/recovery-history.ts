import { DataSource, IsNull } from 'typeorm';
import { SlaSweepService } from '../../../modules/escalation/sla-sweep.service.js';
import { EscalationsService, TOP_ESCALATION_LEVEL } from '../../../modules/escalation/escalations.service.js';
import { Escalation } from '../../../modules/escalation/escalation.entity.js';
import { SurveyResponsesService } from '../../../modules/surveys/survey-responses.service.js';
import { CompensationsService } from '../../../modules/tickets/compensations/compensations.service.js';
import { IntakeService } from '../../../modules/tickets/intake/intake.service.js';
import type { CreateTicketDto } from '../../../modules/tickets/intake/create-ticket.dto.js';
import { Ticket } from '../../../modules/tickets/ticket.entity.js';
import { TicketActionsService } from '../../../modules/tickets/ticket-actions.service.js';
import { TicketStagesService } from '../../../modules/tickets/workflow/ticket-stages.service.js';
import { UnitOfWork } from '../../../common/database/unit-of-work.js';
import type { EventActor } from '../../../modules/tickets/timeline.js';
import type { SurveyResponseDto } from '../../../modules/surveys/survey.dto.js';
import type { Actor } from '../../../modules/users/roles.js';
import { planStory, type StoryAction, type StoryCountry } from './story-plan.js';
import type { StoryContext } from './story-context.js';

/** How often (replayed time) the SLA sweep runs between steps: warnings and escalations happen as the weeks pass. */
const SWEEP_EVERY_MS = 4 * 3_600_000;

/** One thing that happens in the replay, at its moment. */
interface Happening {
  at: Date;
  order: number;
  run: () => Promise<void>;
}

/** A ticket as the replay knows it: the reference (and link token) the services gave it, its open compensation. */
interface Played {
  id?: string;
  ref?: string;
  /** The customer as the tracking link names them when they rate. */
  customer?: EventActor;
  country: StoryCountry;
  department: string;
  compensationId?: string;
  compensationAmount?: number;
}

/**
 * The first chapter: twelve weeks of complaints, survey answers and their recovery,
 * replayed through the app's own services, each step at its planned moment on the
 * replayed clock, with the SLA sweep running in between. So every row (timeline, timers,
 * escalations, queue counts, search index, outbox) is what the app itself writes.
 */
export async function recoveryHistory(ctx: StoryContext): Promise<string> {
  const plan = planStory(ctx.seed, ctx.now);
  const app = ctx.app;
  const [intake, stages, actions, compensations, escalations, responses, sweep, uow] = [
    app.get(IntakeService), app.get(TicketStagesService), app.get(TicketActionsService), app.get(CompensationsService),
    app.get(EscalationsService), app.get(SurveyResponsesService), app.get(SlaSweepService), app.get(UnitOfWork),
  ];
  const ds = app.get(DataSource);
  const { reception, manager, quality, principal } = ctx.actors;
  const happenings: Happening[] = [];
  let order = 0;
  const at = (when: Date, run: () => Promise<void>) => happenings.push({ at: when, order: order++, run });

  const step = (t: Played, action: StoryAction) => async () => {
    if (!t.ref) return;
    const ref = t.ref;
    const desk = reception[t.country];
    const boss = manager[t.country];
    const currency = ctx.dealers[t.country].currency;
    await ctx.attempt(async () => {
      switch (action.kind) {
        case 'assign':
          await actions.assign(boss, ref, { assigneeId: (action.to === 'manager' ? boss : desk).id });
          return;
        case 'listen':
          await stages.complete(desk, ref, 'listen', { contactedVia: action.contactedVia });
          return;
        case 'apologise':
          await stages.complete(boss, ref, 'apologise', { by: action.by, how: action.how, ...(action.message ? { message: action.message } : {}) });
          return;
        case 'wait':
          await stages.wait(desk, ref);
          return;
        case 'resume':
          await stages.resume(desk, ref);
          return;
        case 'fix':
          await stages.complete(boss, ref, 'fix', { rootCause: action.rootCause, action: action.action, owner: action.owner });
          return;
        case 'propose': {
          const c = await compensations.propose(desk, ref, { kind: action.compensation.kind, value: { amount: action.compensation.amount, currency }, note: action.compensation.note } as never);
          t.compensationId = c.id;
          t.compensationAmount = action.compensation.amount;
          return;
        }
        case 'approve':
          // Within a department manager's limit they approve it; above, the quality manager.
          await compensations.approve((t.compensationAmount ?? 0) <= 500 ? boss : quality, ref, t.compensationId!);
          return;
        case 'deliver':
          await compensations.deliver(desk, ref, t.compensationId!);
          return;
        case 'compensate':
          await stages.complete(boss, ref, 'compensate', action.noCompensation ? { noCompensation: { reason: action.noCompensation } } : {});
          return;
        case 'rate':
          // The customer's own rating, as the tracking page gives it; a survey's ticket staff follow up by phone instead.
          if (t.customer) await stages.rate(t.customer, ref, action.score, action.comment);
          else await stages.complete(desk, ref, 'follow-up', { score: action.score, via: 'phone' });
          return;
        case 'follow-up':
          await stages.complete(desk, ref, 'follow-up', { score: action.score, via: 'phone', ...(action.comment ? { comment: action.comment } : {}) });
          return;
        case 'close':
          await stages.complete(boss, ref, 'closed', { outcome: action.outcome });
          return;
        case 'escalate': {
          // A manager escalates by hand only what the sweep has not already taken to the top: the
          // plan can't know, as the deadlines fall on whichever weekdays the replayed weeks have.
          const { escalationLevel } = await ds.getRepository(Ticket).findOneOrFail({ where: { id: t.id }, select: { id: true, escalationLevel: true } });
          if (escalationLevel < TOP_ESCALATION_LEVEL) await escalations.escalate(boss, ref, action.reason);
          return;
        }
        case 'acknowledge': {
          const pending = await ds.getRepository(Escalation).find({ where: { ticketId: t.id, acknowledgedAt: IsNull() }, order: { level: 'ASC' } });
          const by: Record<number, Actor> = { 1: boss, 2: quality, 3: principal };
          for (const e of pending) await escalations.acknowledge(by[e.level] ?? principal, ref, e.id);
          return;
        }
      }
    });
  };

  for (const planned of plan.tickets) {
    const t: Played = { country: planned.country, department: planned.intake.department };
    at(planned.loggedAt, async () => {
      // createIn: the intake's own transaction, without reading the new ticket's view back.
      const dto = { dealerId: ctx.dealers[planned.country].id, ...planned.intake } as unknown as CreateTicketDto;
      const created = await ctx.attempt(() => uow.run((m) => intake.createIn(m, reception[planned.country], dto)));
      if (!created) return;
      t.id = created.ticketId;
      t.ref = created.ref;
      t.customer = { type: 'customer', id: (await ds.getRepository(Ticket).findOneByOrFail({ id: created.ticketId })).customerId, name: planned.intake.customer.name };
    });
    for (const s of planned.steps) at(s.at, step(t, s.action));
  }
  let opened = 0;
  if (ctx.surveyId) {
    const surveyId = ctx.surveyId;
    for (const planned of plan.responses) {
      const t: Played = { country: planned.country, department: 'service' };
      at(planned.respondedAt, async () => {
        const receipt = await ctx.attempt(() =>
          responses.receive(quality, surveyId, {
            externalId: `story-${planned.key}`,
            dealerId: ctx.dealers[planned.country].id,
            respondedAt: planned.respondedAt.toISOString(),
            customer: planned.customer,
            answers: Object.entries(planned.scores).map(([questionId, score]) => ({ questionId, score })),
          } as unknown as SurveyResponseDto),
        );
        t.ref = receipt?.body.ticketRef ?? undefined;
        if (!t.ref) return;
        t.id = (await ds.getRepository(Ticket).findOneByOrFail({ ref: t.ref })).id;
        opened++;
      });
      for (const s of planned.steps) at(s.at, step(t, s.action));
    }
  }

  happenings.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  let nextSweep = plan.from.getTime();
  for (const h of happenings) {
    for (; nextSweep <= h.at.getTime(); nextSweep += SWEEP_EVERY_MS) {
      ctx.clock.replay(new Date(nextSweep));
      await sweep.sweep(new Date(nextSweep));
    }
    ctx.clock.replay(h.at);
    await h.run();
  }
  ctx.clock.replay(null);
  return `${plan.tickets.length} tickets, ${plan.responses.length} survey answers (${opened} negative, each with its ticket), ${happenings.length} steps over ${plan.tickets.length ? 12 : 0} weeks`;
}
