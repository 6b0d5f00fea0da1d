import { beforeEach, describe, expect, it } from 'vitest';
import type { EntityManager } from 'typeorm';
import { inMemory, anyEvent } from '../../../../test/support/in-memory.js';
import { DomainError } from '../../../common/errors/domain-error.js';
import { zonedCalendar } from '../../sla/zoned-calendar.js';
import type { Customer } from '../customers/customer.entity.js';
import type { Dealer } from '../../dealers/dealer.entity.js';
import type { Ticket } from '../ticket.entity.js';
import { TicketTransitionsService } from './ticket-transitions.service.js';

describe(TicketTransitionsService.name, () => {
  let sut: TicketTransitionsService;
  let env: ReturnType<typeof inMemory>;
  let dealer: Dealer;
  let customer: Customer;
  let ticket: Ticket;

  beforeEach(() => {
    env = inMemory();
    sut = env.transitions;
    dealer = env.seed.dealer();
    customer = env.seed.customer(dealer);
    ticket = env.seed.ticket(dealer, customer);
  });

  const stored = () => env.store.tickets.get(ticket.id)!;

  describe('scope', () => {
    it("answers another dealer's ticket exactly as an unknown one, without asking the change", async () => {
      const other = env.seed.dealer({ name: 'Västkustens Bil' });
      const outsider = env.seed.actor('department-manager', other);
      let asked = false;
      const decide = () => {
        asked = true;
        return { patch: { assigneeId: outsider.id }, events: [] };
      };
      const theirs = await sut.apply({ actor: outsider }, ticket.ref, decide).catch((e: DomainError) => e);
      const unknown = await sut.apply({ actor: outsider }, 'AM-999999', decide).catch((e: DomainError) => e);
      expect(theirs).toBeInstanceOf(DomainError);
      expect([(theirs as DomainError).code, (unknown as DomainError).code]).toEqual(['ticket.not-found', 'ticket.not-found']);
      expect(asked).toBe(false);
      expect(stored().version).toBe(1);
    });

    it('lets an importer-level actor reach every dealer, and the system reach a ticket by id', async () => {
      const quality = env.seed.actor('quality-manager', null);
      await sut.apply({ actor: quality }, ticket.ref, () => ({ patch: { rootCause: 'workshop' }, events: [] }));
      await sut.applyById({ as: { type: 'system', id: null, name: 'Amends' } }, ticket.id, () => ({ patch: { escalationLevel: 1 }, events: [anyEvent('escalated')] }));
      expect(stored()).toMatchObject({ rootCause: 'workshop', escalationLevel: 1, version: 3 });
      expect(env.store.events.map((e) => [e.type, e.actor.type])).toEqual([['escalated', 'system']]);
    });
  });

  describe('writing a change', () => {
    it('sets the fields with a new version and moment, and appends the events as the acting user', async () => {
      const actor = env.seed.actor('receptionist', dealer);
      env.clock.advance(60_000);
      const { ticket: after, result } = await sut.apply({ actor }, ticket.ref, () => ({
        patch: { assigneeId: actor.id },
        events: [anyEvent('assigned', { assigneeId: actor.id })],
        result: 'done',
      }));
      expect(result).toBe('done');
      expect(after).toMatchObject({ assigneeId: actor.id, version: 2, updatedAt: env.clock.now() });
      expect(stored()).toMatchObject({ assigneeId: actor.id, version: 2 });
      expect(env.store.events).toEqual([{ ticketId: ticket.id, type: 'assigned', visibility: 'internal', data: { assigneeId: actor.id }, actor: { type: 'user', id: actor.id, name: actor.name }, at: env.clock.now() }]);
    });

    it('leaves the ticket as it was when the change changes nothing', async () => {
      const actor = env.seed.actor('receptionist', dealer);
      env.clock.advance(60_000);
      const { ticket: after } = await sut.apply({ actor }, ticket.ref, () => ({ events: [] }));
      expect(after.version).toBe(1);
      expect(stored()).toEqual(ticket);
      expect(env.store.events).toEqual([]);
    });

    it('writes nothing when the change refuses, even what it wrote before refusing', async () => {
      const actor = env.seed.actor('receptionist', dealer);
      const refusal = sut.apply({ actor }, ticket.ref, async ({ m, ticket: t }) => {
        await env.repos.tickets.write(m as EntityManager, t.id, { rootCause: 'half-written' });
        throw new DomainError('stage.out-of-order', 'Not yet');
      });
      await expect(refusal).rejects.toMatchObject({ code: 'stage.out-of-order' });
      expect(stored()).toEqual(ticket);
      expect(env.store.events).toEqual([]);
    });

    it('changes several tickets all together or not at all', async () => {
      const second = env.seed.ticket(dealer, customer);
      const actor = env.seed.actor('department-manager', dealer);
      const both = await sut.applyMany({ actor }, [ticket.ref, second.ref], () => ({ patch: { assigneeId: actor.id }, events: [] }));
      expect(both.map((t) => t.version)).toEqual([2, 2]);
      const refused = sut.applyMany({ actor }, [ticket.ref, 'AM-404404'], () => ({ patch: { assigneeId: null }, events: [] }));
      await expect(refused).rejects.toMatchObject({ code: 'ticket.not-found' });
      expect([stored().assigneeId, env.store.tickets.get(second.id)!.assigneeId]).toEqual([actor.id, actor.id]);
    });
  });

  describe('the SLA clocks', () => {
    beforeEach(async () => {
      await env.repos.uow.run((m) => env.slaTimers.start(m, ticket.id, ticket, ticket.receivedAt, zonedCalendar(dealer)));
    });

    it('carries out the clock operations and recomputes the ticket’s SLA state and next deadline', async () => {
      const actor = env.seed.actor('receptionist', dealer);
      await sut.apply({ actor }, ticket.ref, () => ({ patch: { stage: 'apologise' }, events: [anyEvent('stage-completed')], sla: [{ op: 'meet', target: 'listen' }] }));
      const timers = [...env.store.timers.values()];
      expect(timers.find((t) => t.target === 'listen')!.metAt).toEqual(env.clock.now());
      const apologise = timers.find((t) => t.target === 'apologise')!;
      expect(stored()).toMatchObject({ stage: 'apologise', slaState: 'on-track', nextDueAt: apologise.dueAt });
    });

    it('pauses every running clock while the ticket waits, and clears the next deadline', async () => {
      const actor = env.seed.actor('receptionist', dealer);
      await sut.apply({ actor }, ticket.ref, () => ({ patch: { status: 'waiting-on-customer' }, events: [anyEvent('waiting')], sla: [{ op: 'pause' }] }));
      expect([...env.store.timers.values()].every((t) => t.pausedAt?.getTime() === env.clock.now().getTime())).toBe(true);
    });
  });

  describe("the customer's mail", () => {
    it('mails a message meant for the customer, in their language, inside the transaction', async () => {
      const actor = env.seed.actor('receptionist', dealer);
      await sut.apply({ actor }, ticket.ref, () => ({ events: [anyEvent('message-to-customer', { body: 'We are on it.' })] }));
      expect(env.store.mails).toMatchObject([{ email: customer.email, language: 'nb', template: 'i18n:message', ticketId: ticket.id, data: { message: 'We are on it.', ref: ticket.ref, dealer: dealer.name } }]);
    });

    it('mails nobody who gave no consent, and takes the mail back with a refused change', async () => {
      const actor = env.seed.actor('receptionist', dealer);
      const quiet = env.seed.ticket(dealer, env.seed.customer(dealer, { email: 'quiet@example.test', consent: false }));
      await sut.apply({ actor }, quiet.ref, () => ({ events: [anyEvent('message-to-customer', { body: 'Hello' })] }));
      const refused = sut.apply({ actor }, ticket.ref, () => {
        throw new DomainError('ticket.invalid-state', 'No');
      });
      await expect(refused).rejects.toBeInstanceOf(DomainError);
      expect(env.store.mails).toEqual([]);
    });

    it('asks for the follow-up two business days after resolution', async () => {
      const actor = env.seed.actor('receptionist', dealer);
      await sut.apply({ actor }, ticket.ref, () => ({ patch: { status: 'resolved', stage: 'follow-up' }, events: [anyEvent('note')] }));
      const [mail] = env.store.mails;
      expect(mail).toMatchObject({ template: 'i18n:followUp', data: { onlyIfAwaitingRating: true } });
      // Monday 10:00 Oslo → Wednesday as the desk opens (08:00 Oslo).
      expect(mail.notBefore).toEqual(new Date('2026-12-02T07:00:00Z'));
    });
  });

  describe('batches', () => {
    it('writes each change as apply would, skips those that change nothing, and appends in order', async () => {
      const second = env.seed.ticket(dealer, customer);
      const system = { type: 'system' as const, id: null, name: 'Amends' };
      const result = await sut.applyBatch(system, async () => [second.id, ticket.id, ticket.id], async ({ tickets }) => ({
        result: tickets.map((t) => t.id),
        changes: [
          { ticketId: ticket.id, decide: (t) => ({ patch: { escalationLevel: t.escalationLevel + 1 }, events: [anyEvent('escalated')] }) },
          { ticketId: ticket.id, decide: (t) => ({ patch: { escalationLevel: t.escalationLevel + 1 }, events: [anyEvent('escalated')] }) },
          { ticketId: second.id, decide: () => ({ events: [] }) },
        ],
      }));
      expect(result).toEqual([ticket.id, second.id].sort());
      expect(stored()).toMatchObject({ escalationLevel: 2, version: 3 });
      expect(env.store.tickets.get(second.id)!.version).toBe(1);
      expect(env.store.events.map((e) => [e.ticketId, e.type])).toEqual([[ticket.id, 'escalated'], [ticket.id, 'escalated']]);
    });

    it('refuses a batch change that would mail the customer, writing nothing of the batch', async () => {
      const system = { type: 'system' as const, id: null, name: 'Amends' };
      const batch = sut.applyBatch(system, async () => [ticket.id], async () => ({
        result: null,
        changes: [{ ticketId: ticket.id, decide: () => ({ patch: { escalationLevel: 1 }, events: [anyEvent('reopened', { reason: 'asked again', by: 'customer' })] }) }],
      }));
      await expect(batch).rejects.toThrow('cannot mail the customer');
      expect(stored()).toEqual(ticket);
    });
  });
});
