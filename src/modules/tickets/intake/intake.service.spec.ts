import { beforeEach, describe, expect, it } from 'vitest';
import { inMemory } from '../../../../test/support/in-memory.js';
import type { UnitOfWork } from '../../../common/database/unit-of-work.js';
import type { AppConfig } from '../../../config/app-config.js';
import type { Dealer } from '../../dealers/dealer.entity.js';
import type { DealerRepository } from '../../dealers/dealer.repository.js';
import type { OutboxService } from '../../notifications/outbox.service.js';
import type { Actor } from '../../users/roles.js';
import type { CompensationRepository } from '../compensations/compensation.repository.js';
import type { CustomerRepository } from '../customers/customer.repository.js';
import type { TicketRepository } from '../ticket.repository.js';
import type { TicketView } from '../ticket.presenter.js';
import type { TicketsService } from '../tickets.service.js';
import type { VehicleRepository } from '../vehicle.repository.js';
import type { CreateTicketDto } from './create-ticket.dto.js';
import { IntakeService } from './intake.service.js';

describe(IntakeService.name, () => {
  let sut: IntakeService;
  let env: ReturnType<typeof inMemory>;
  let dealer: Dealer;
  let receptionist: Actor;

  const complaint = (over: Partial<CreateTicketDto> = {}): CreateTicketDto => ({
    dealerId: dealer.id,
    department: 'service',
    category: 'repair-quality',
    channel: 'walk-in',
    severity: 'high',
    customer: { name: 'Kari Nordmann', email: 'Kari@Example.test' },
    account: '  The car pulls to the left after the service.  ',
    ...over,
  });
  const create = (dto: CreateTicketDto, actor = receptionist) => env.repos.uow.run((m) => sut.createIn(m, actor, dto));
  const nothingWritten = () => expect([env.store.tickets.size, env.store.customers.size, env.store.timers.size, env.store.events.length, env.store.mails.length]).toEqual([0, 0, 0, 0, 0]);

  beforeEach(() => {
    env = inMemory();
    const { repos } = env;
    const views = { viewById: async (id: string) => ({ id, ref: env.store.tickets.get(id)!.ref }) as unknown as TicketView } as TicketsService;
    sut = new IntakeService(
      views,
      env.slaTimers,
      repos.outbox as unknown as OutboxService,
      env.clock,
      repos.uow as unknown as UnitOfWork,
      { publicUrl: 'https://amends.test' } as AppConfig,
      repos.dealers as unknown as DealerRepository,
      repos.tickets as unknown as TicketRepository,
      repos.customers as unknown as CustomerRepository,
      repos.vehicles as unknown as VehicleRepository,
      repos.compensations as unknown as CompensationRepository,
    );
    dealer = env.seed.dealer();
    receptionist = env.seed.actor('receptionist', dealer);
  });

  describe('refusals', () => {
    it("refuses a ticket for another dealer than the actor's, and an unknown dealer, writing nothing", async () => {
      const other = env.seed.dealer({ name: 'Other' });
      await expect(create(complaint({ dealerId: other.id }))).rejects.toMatchObject({ code: 'ticket.dealer.forbidden' });
      const admin = env.seed.actor('admin', null);
      await expect(create(complaint({ dealerId: 'no-such-dealer' }), admin)).rejects.toMatchObject({ code: 'ticket.dealer-id.invalid' });
      nothingWritten();
    });

    it('names every bad field at once: a future moment, a department the dealer lacks, another currency', async () => {
      const dto = complaint({
        receivedAt: '2026-12-01T09:00:00Z',
        department: 'bodyshop',
        onTheSpot: { compensation: { kind: 'fuel', value: { amount: 10, currency: 'EUR' } } },
      });
      const refusal = await create(dto).catch((e) => e);
      expect(refusal).toMatchObject({ code: 'ticket.invalid' });
      expect(refusal.details).toEqual([
        'receivedAt may not lie in the future',
        'department must be one of sales, service',
        "onTheSpot.compensation.value.currency must be NOK, the dealer's currency",
      ]);
      nothingWritten();
    });

    it('refuses an apology on the spot without listening first (out of order), writing nothing', async () => {
      const dto = complaint({ onTheSpot: { apology: { by: 'Ola', how: 'in-person' } } });
      await expect(create(dto)).rejects.toMatchObject({ code: 'stage.out-of-order' });
      nothingWritten();
    });
  });

  describe('a new ticket', () => {
    it('opens the ticket with its customer, clocks, history and receipt, in one transaction', async () => {
      const { ticketId, ref, token } = await create(complaint());
      expect(ref).toBe('AM-2026-000001');
      const ticket = env.store.tickets.get(ticketId)!;
      expect(ticket).toMatchObject({ stage: 'listen', status: 'open', severityRank: 3, account: 'The car pulls to the left after the service.', slaState: 'on-track', version: 1 });
      expect([...env.store.timers.values()].map((t) => t.target).sort()).toEqual(['apologise', 'fix', 'listen', 'resolve']);
      expect(ticket.nextDueAt).toEqual(new Date('2026-11-30T10:00:00Z')); // listen: 60 business minutes after 10:00 Oslo
      expect([...env.store.customers.values()]).toMatchObject([{ email: 'kari@example.test', language: 'nb', consent: true }]);
      expect(env.store.events.map((e) => [e.type, e.visibility, e.actor.id])).toEqual([['created', 'customer', receptionist.id]]);
      expect(env.store.mails).toMatchObject([{ template: 'i18n:receipt', email: 'kari@example.test', data: { ref } }]);
      expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      expect(ticket.trackingTokenHash).not.toContain(token);
    });

    it('numbers tickets in order and hands back the tracking link', async () => {
      await create(complaint());
      const created = await sut.create(receptionist, complaint({ customer: { name: 'Per', phone: '+47 912 34 567' } }));
      expect(created.ref).toBe('AM-2026-000002');
      expect(created.trackingUrl).toMatch(/^https:\/\/amends\.test\/track\/\S+$/);
    });

    it('finds the known customer by address, records a new name, and keeps their vehicle by VIN', async () => {
      const vehicle = { vin: 'wvwzzz1kz8w000001', registration: 'EL 12345' };
      await create(complaint({ vehicle }));
      await create(complaint({ customer: { name: 'Kari Nordmann-Berg', email: 'kari@example.test' }, vehicle: { ...vehicle, model: 'Golf' } }));
      expect(env.store.customers.size).toBe(1);
      expect([...env.store.customers.values()][0].name).toBe('Kari Nordmann-Berg');
      expect([...env.store.vehicles.values()]).toMatchObject([{ vin: 'WVWZZZ1KZ8W000001', model: 'Golf', registration: 'EL 12345' }]);
      expect(env.store.events.find((e) => e.type === 'customer-changed')?.data).toMatchObject({ via: 'intake', changes: [{ field: 'name', from: 'Kari Nordmann', to: 'Kari Nordmann-Berg' }] });
    });

    it('meets the stages done on the spot when the customer complained', async () => {
      const receivedAt = '2026-11-30T08:50:00.000Z';
      const { ticketId } = await create(complaint({ receivedAt, onTheSpot: { listened: true, apology: { by: 'Ola', how: 'in-person' } } }));
      expect(env.store.tickets.get(ticketId)!.stage).toBe('fix');
      const met = [...env.store.timers.values()].filter((t) => t.metAt).map((t) => [t.target, t.metAt!.toISOString()]);
      expect(met.sort()).toEqual([['apologise', receivedAt], ['listen', receivedAt]]);
      expect(env.store.events.map((e) => e.type)).toEqual(['created', 'stage-completed', 'stage-completed']);
    });

    it("delivers compensation given on the spot within the actor's limit, and leaves more waiting for approval", async () => {
      await create(complaint({ onTheSpot: { compensation: { kind: 'fuel', value: { amount: 50, currency: 'NOK' } } } }));
      await create(complaint({ onTheSpot: { compensation: { kind: 'loan-car', value: { amount: 900, currency: 'NOK' } } } }));
      expect([...env.store.compensations.values()].map((c) => [c.amount, c.state])).toEqual([[50, 'delivered'], [900, 'proposed']]);
      expect(env.store.events.filter((e) => e.type.startsWith('compensation')).map((e) => [e.type, e.visibility])).toEqual([
        ['compensation-delivered', 'customer'],
        ['compensation-proposed', 'internal'],
      ]);
    });
  });
});
