import { describe, expect, it } from 'vitest';
import { intakeFormToPayload, moreDetailsOpen } from './intake-form.js';

const ctx = { actorName: 'Anna (reception)', currency: 'EUR', now: new Date('2026-11-20T09:00:00Z') };

describe('intake form', () => {
  it('turns the sales-desk case into the API payload', () => {
    const payload = intakeFormToPayload(
      {
        dealerId: 'd1', department: 'sales', category: 'waiting-time', channel: 'walk-in', severity: 'high', minutesAgo: '30',
        customerName: 'Sanne de Vries', customerEmail: 'sanne@example.nl', customerPhone: '', styleEnergy: 'reflective', styleFocus: 'facts',
        account: 'Waited 25 minutes', saleAtRisk: 'on', saleModel: 'ID.7', saleValue: '52000',
        listened: 'on', apologised: 'on', compensationKind: 'fuel', compensationAmount: '45', compensationNote: 'No need to refuel',
      },
      ctx,
    );
    expect(payload).toEqual({
      dealerId: 'd1', department: 'sales', category: 'waiting-time', channel: 'walk-in', severity: 'high',
      receivedAt: '2026-11-20T08:30:00.000Z',
      customer: { name: 'Sanne de Vries', email: 'sanne@example.nl', style: { outgoing: false, factsFirst: true } },
      account: 'Waited 25 minutes',
      saleAtRisk: { model: 'ID.7', value: { amount: 52000, currency: 'EUR' } },
      onTheSpot: {
        listened: true,
        apology: { by: 'Anna (reception)', how: 'in-person' },
        compensation: { kind: 'fuel', value: { amount: 45, currency: 'EUR' }, note: 'No need to refuel' },
      },
    });
  });

  it('leaves out what was not filled in', () => {
    expect(intakeFormToPayload({ customerName: 'A', account: 'B' }, ctx)).toEqual({ customer: { name: 'A' }, account: 'B' });
  });

  it('opens "More details" again only when one of its fields came back filled in', () => {
    expect(moreDetailsOpen({ account: 'Waited', customerName: 'Sanne', listened: 'on' })).toBe(false);
    expect(moreDetailsOpen({ vehicleRegistration: '  ' })).toBe(false);
    expect(moreDetailsOpen({ saleValue: 'lots' })).toBe(true);
    expect(moreDetailsOpen({ styleFocus: 'facts' })).toBe(true);
  });
});
