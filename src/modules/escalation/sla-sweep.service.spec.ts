import type { SchedulerRegistry } from '@nestjs/schedule';
import type { DataSource } from 'typeorm';
import { beforeEach, describe, expect, it } from 'vitest';
import { inMemory } from '../../../test/support/in-memory.js';
import type { JobLeases } from '../../common/scheduling/job-leases.js';
import type { AppConfig } from '../../config/app-config.js';
import type { Dealer } from '../dealers/dealer.entity.js';
import type { DealerRepository } from '../dealers/dealer.repository.js';
import type { OutboxService } from '../notifications/outbox.service.js';
import { zonedCalendar } from '../sla/zoned-calendar.js';
import type { CustomerRepository } from '../tickets/customers/customer.repository.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import type { StaffDirectory } from '../users/staff-directory.js';
import type { User } from '../users/user.entity.js';
import type { EscalationRepository } from './escalation.repository.js';
import { SlaSweepService } from './sla-sweep.service.js';

// Received Monday 10:00 Oslo (09:00Z), open 08–17: the listen clock (60 business minutes,
// warning at 75 %) warns at 09:45Z, is due at 10:00Z, level 2 at 10:30Z and level 3 at 11:00Z.
const at = (hhmm: string) => new Date(`2026-11-30T${hhmm}:00Z`);

describe(SlaSweepService.name, () => {
  let sut: SlaSweepService;
  let env: ReturnType<typeof inMemory>;
  let dealer: Dealer;
  let ticket: Ticket;
  let manager: User;
  let quality: User;
  let principal: User;

  const start = (t: Ticket) => env.repos.uow.run((m) => env.slaTimers.start(m, t.id, t, t.receivedAt, zonedCalendar(dealer)));
  const listen = (t = ticket) => [...env.store.timers.values()].find((x) => x.ticketId === t.id && x.target === 'listen')!;
  const types = () => env.store.events.map((e) => e.type);
  /** The sweep as the scheduler runs it: at the clock's now. */
  const sweepAt = (hhmm: string, batchSize?: number) => {
    env.clock.set(at(hhmm));
    return sut.sweep(env.clock.now(), batchSize);
  };

  beforeEach(async () => {
    env = inMemory(at('09:00'));
    const { repos } = env;
    sut = new SlaSweepService(
      { manager: {} } as DataSource,
      env.slaTimers,
      env.transitions,
      repos.outbox as unknown as OutboxService,
      env.clock,
      { publicUrl: 'https://amends.test', schedule: { sweepBatch: 40 } } as AppConfig,
      {} as SchedulerRegistry,
      {} as JobLeases,
      repos.dealers as unknown as DealerRepository,
      repos.customers as unknown as CustomerRepository,
      repos.staff as unknown as StaffDirectory,
      repos.escalations as unknown as EscalationRepository,
    );
    dealer = env.seed.dealer();
    ticket = env.seed.ticket(dealer, env.seed.customer(dealer));
    manager = env.seed.user('department-manager', dealer);
    env.seed.user('department-manager', dealer, { department: 'sales' });
    quality = env.seed.user('quality-manager', null);
    principal = env.seed.user('principal', dealer);
    env.seed.user('principal', env.seed.dealer({ name: 'Other dealer' }));
    await start(ticket);
  });

  it('does nothing, in no transaction, while nothing is due', async () => {
    const commits = env.store.commits;
    expect(await sweepAt('09:30')).toEqual({ warned: 0, breached: 0, escalated: 0 });
    expect(env.store.commits).toBe(commits);
    expect(env.store.tickets.get(ticket.id)!.version).toBe(1);
  });

  it("warns the ticket's own department manager once, however often it runs", async () => {
    expect(await sweepAt('09:50')).toEqual({ warned: 1, breached: 0, escalated: 0 });
    expect(await sweepAt('09:50')).toEqual({ warned: 0, breached: 0, escalated: 0 });
    expect(env.store.mails.map((m) => [m.template, m.email])).toEqual([['sla-warning', manager.email]]);
    expect(env.store.mails[0].data).toMatchObject({ ref: ticket.ref, target: 'listen', percent: 75, dueAtIso: listen().dueAt.toISOString() });
    expect(types()).toEqual(['sla-warning']);
    expect(listen().warnedAt).toEqual(at('09:50'));
    expect(listen().nextCheckAt).toEqual(at('10:00'));
    expect(env.store.tickets.get(ticket.id)).toMatchObject({ version: 2, slaState: 'at-risk' });
  });

  it('warns the assignee instead when there is one', async () => {
    const assignee = env.seed.user('receptionist', dealer);
    env.store.tickets.get(ticket.id)!.assigneeId = assignee.id;
    await sweepAt('09:50');
    expect(env.store.mails.map((m) => m.email)).toEqual([assignee.email]);
  });

  it('breaches and escalates level by level, each once, with its row, mail and events', async () => {
    expect(await sweepAt('10:05')).toEqual({ warned: 0, breached: 1, escalated: 1 });
    expect(await sweepAt('10:05')).toEqual({ warned: 0, breached: 0, escalated: 0 });
    expect(env.store.escalations.map((e) => [e.level, e.timerId, e.manual])).toEqual([[1, listen().id, false]]);
    expect(types()).toEqual(['sla-breach', 'escalated']);
    expect(listen()).toMatchObject({ breachedAt: at('10:00'), escalatedLevel: 1 });
    expect(env.store.tickets.get(ticket.id)).toMatchObject({ escalationLevel: 1, slaState: 'breached' });

    // Missed the sweeps in between: levels 2 and 3 come in order in one run, to the importer's
    // quality manager and then the dealer's principal (not another dealer's).
    expect(await sweepAt('11:05')).toEqual({ warned: 0, breached: 0, escalated: 2 });
    expect(env.store.escalations.map((e) => e.level)).toEqual([1, 2, 3]);
    expect(env.store.tickets.get(ticket.id)!.escalationLevel).toBe(3);
    const escalationMails = env.store.mails.filter((m) => m.template === 'sla-escalation');
    expect(escalationMails.map((m) => [m.data.level, m.email])).toEqual([[1, manager.email], [2, quality.email], [3, principal.email]]);
  });

  it('leaves a paused clock alone, and a met one', async () => {
    const waiting = env.seed.ticket(dealer, env.seed.customer(dealer, { email: 'w@example.test' }));
    await start(waiting);
    await env.transitions.applyById({ as: { type: 'system', id: null, name: 'Amends' } }, waiting.id, () => ({ events: [], sla: [{ op: 'pause' }] }));
    await env.transitions.applyById({ as: { type: 'system', id: null, name: 'Amends' } }, ticket.id, () => ({ events: [], sla: [{ op: 'meet', target: 'listen' }] }));
    expect(await sweepAt('10:05')).toEqual({ warned: 0, breached: 0, escalated: 0 });
    expect(env.store.escalations).toEqual([]);
  });

  it('works through more due timers than a batch holds, a batch per transaction', async () => {
    const others = [1, 2, 3].map((i) => env.seed.ticket(dealer, env.seed.customer(dealer, { email: `c${i}@example.test` })));
    for (const t of others) await start(t);
    const commits = env.store.commits;
    expect(await sweepAt('09:50', 2)).toEqual({ warned: 4, breached: 0, escalated: 0 });
    expect(env.store.commits - commits).toBe(3); // 2 + 2, then one that finds nothing new
    expect([ticket, ...others].map((t) => listen(t).warnedAt)).toEqual(Array(4).fill(at('09:50')));
  });

  it('sweeps one timer through the single transition path as a batch would', async () => {
    env.clock.set(at('10:05'));
    const result = await sut.sweepTimerAlone(listen().id, at('10:05'));
    expect(result).toEqual({ warned: 0, breached: 1, escalated: 1 });
    expect(types()).toEqual(['sla-breach', 'escalated']);
    expect(env.store.tickets.get(ticket.id)).toMatchObject({ escalationLevel: 1, version: 2 });
  });
});
