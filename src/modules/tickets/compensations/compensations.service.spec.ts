import { beforeEach, describe, expect, it } from 'vitest';
import { inMemory, anyEvent } from '../../../../test/support/in-memory.js';
import type { DealerRepository } from '../../dealers/dealer.repository.js';
import type { Dealer } from '../../dealers/dealer.entity.js';
import type { Actor } from '../../users/roles.js';
import type { Ticket } from '../ticket.entity.js';
import type { ProposeCompensationDto } from './compensation.dto.js';
import type { CompensationRepository } from './compensation.repository.js';
import { CompensationsService } from './compensations.service.js';

const NOK = (amount: number) => ({ amount, currency: 'NOK' });
const offer = (amount: number, currency = 'NOK'): ProposeCompensationDto => ({ kind: 'goodwill-discount', value: { amount, currency } });

describe(CompensationsService.name, () => {
  let sut: CompensationsService;
  let env: ReturnType<typeof inMemory>;
  let dealer: Dealer;
  let ticket: Ticket;
  let receptionist: Actor;
  let manager: Actor;

  beforeEach(() => {
    env = inMemory();
    sut = new CompensationsService(env.transitions, env.repos.dealers as unknown as DealerRepository, env.repos.compensations as unknown as CompensationRepository);
    dealer = env.seed.dealer(); // default limits: receptionist 50, department manager 500
    ticket = env.seed.ticket(dealer, env.seed.customer(dealer));
    receptionist = env.seed.actor('receptionist', dealer);
    manager = env.seed.actor('department-manager', dealer);
  });

  const events = () => env.store.events.map((e) => e.type);
  const stored = (id: string) => env.store.compensations.get(id)!;

  describe('propose', () => {
    it('approves at once what is within the proposer’s limit', async () => {
      const c = await sut.propose(receptionist, ticket.ref, offer(40));
      expect(c).toMatchObject({ state: 'approved', value: NOK(40) });
      expect(stored(c.id)).toMatchObject({ approvedByRole: 'receptionist', decidedById: receptionist.id });
      expect(events()).toEqual(['compensation-proposed', 'compensation-approved']);
      expect(env.store.tickets.get(ticket.id)!.version).toBe(2);
    });

    it('leaves above the limit waiting for approval', async () => {
      const c = await sut.propose(receptionist, ticket.ref, offer(400));
      expect(c.state).toBe('proposed');
      expect(env.store.events[0].data).toMatchObject({ awaitingApproval: true });
      expect(env.store.events[0].data).not.toHaveProperty('overRunningTotal');
    });

    it('counts the running total of the role on the ticket, and says so', async () => {
      await sut.propose(receptionist, ticket.ref, offer(30));
      const second = await sut.propose(receptionist, ticket.ref, offer(30));
      expect(second.state).toBe('proposed');
      expect(env.store.events.at(-1)!.data).toMatchObject({ awaitingApproval: true, overRunningTotal: true });
    });

    it("refuses another currency than the dealer's, and a resolved ticket, writing nothing", async () => {
      await expect(sut.propose(receptionist, ticket.ref, offer(10, 'EUR'))).rejects.toMatchObject({ code: 'compensation.invalid' });
      env.store.tickets.get(ticket.id)!.status = 'resolved';
      await expect(sut.propose(receptionist, ticket.ref, offer(10))).rejects.toMatchObject({ code: 'compensation.invalid-state' });
      expect([env.store.compensations.size, env.store.events.length]).toEqual([0, 0]);
    });

    it("answers another dealer's ticket as unknown", async () => {
      const outsider = env.seed.actor('department-manager', env.seed.dealer({ name: 'Other' }));
      await expect(sut.propose(outsider, ticket.ref, offer(10))).rejects.toMatchObject({ code: 'ticket.not-found' });
    });
  });

  describe('approve', () => {
    it('takes someone whose limit covers the amount, and records their role', async () => {
      const { id } = await sut.propose(receptionist, ticket.ref, offer(400));
      await expect(sut.approve(receptionist, ticket.ref, id)).rejects.toMatchObject({ code: 'compensation.approval.forbidden' });
      const approved = await sut.approve(manager, ticket.ref, id);
      expect(approved.state).toBe('approved');
      expect(stored(id)).toMatchObject({ approvedByRole: 'department-manager', decidedById: manager.id, decidedAt: env.clock.now() });
    });

    it("refuses what would take the role's running total over its limit", async () => {
      const first = await sut.propose(receptionist, ticket.ref, offer(400));
      const second = await sut.propose(receptionist, ticket.ref, offer(200));
      await sut.approve(manager, ticket.ref, first.id);
      await expect(sut.approve(manager, ticket.ref, second.id)).rejects.toMatchObject({ code: 'compensation.over-limit' });
      expect(stored(second.id).state).toBe('proposed');
    });

    it('follows the dealer’s own limits', async () => {
      env.store.dealers.get(dealer.id)!.approvalLimits = { receptionist: 1000 };
      const c = await sut.propose(receptionist, ticket.ref, offer(400));
      expect(c.state).toBe('approved');
    });

    it('approves only a proposed one, and only of this ticket', async () => {
      const c = await sut.propose(receptionist, ticket.ref, offer(20));
      await expect(sut.approve(manager, ticket.ref, c.id)).rejects.toMatchObject({ code: 'compensation.invalid-state' });
      const other = env.seed.ticket(dealer, env.seed.customer(dealer, { email: 'other@example.test' }));
      await expect(sut.approve(manager, other.ref, c.id)).rejects.toMatchObject({ code: 'compensation.not-found' });
    });
  });

  describe('reject and deliver', () => {
    it('lets the proposer withdraw, and otherwise takes the authority approving would', async () => {
      const mine = await sut.propose(receptionist, ticket.ref, offer(400));
      const colleague = env.seed.actor('receptionist', dealer);
      await expect(sut.reject(colleague, ticket.ref, mine.id)).rejects.toMatchObject({ code: 'compensation.approval.forbidden' });
      const withdrawn = await sut.reject(receptionist, ticket.ref, mine.id, 'Customer declined');
      expect(withdrawn.state).toBe('rejected');
      expect(env.store.events.at(-1)).toMatchObject({ type: 'compensation-rejected', data: { reason: 'Customer declined' } });
      await expect(sut.reject(manager, ticket.ref, mine.id)).rejects.toMatchObject({ code: 'compensation.invalid-state' });
    });

    it('delivers only an approved one, and tells the customer', async () => {
      const waiting = await sut.propose(receptionist, ticket.ref, offer(400));
      await expect(sut.deliver(receptionist, ticket.ref, waiting.id)).rejects.toMatchObject({ code: 'compensation.invalid-state' });
      await sut.approve(manager, ticket.ref, waiting.id);
      const delivered = await sut.deliver(receptionist, ticket.ref, waiting.id);
      expect(delivered.state).toBe('delivered');
      expect(env.store.events.at(-1)).toMatchObject(anyEvent('compensation-delivered', { value: NOK(400) }));
    });
  });
});
