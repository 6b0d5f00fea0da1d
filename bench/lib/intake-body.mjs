/** A full intake for the same returning customer and vehicle every time. */
export function intakeBody(dealer) {
  return JSON.stringify({
    dealerId: dealer.id, department: 'sales', category: 'waiting-time', channel: 'walk-in', severity: 'high',
    customer: { name: 'Bench Customer', email: 'bench.customer@example.nl', phone: '+31612345678' },
    vehicle: { vin: 'WVWZZZ1JZXW000001', registration: 'AB-123-C', model: 'Golf' },
    account: 'Waited 25 minutes at the sales desk during the morning meeting; nobody came; says she will buy elsewhere.',
    desiredOutcome: 'A call from the sales manager', saleAtRisk: { model: 'ID.4', value: { amount: 45000, currency: dealer.currency } },
    onTheSpot: { listened: true, apology: { by: 'Reception', how: 'in-person' }, compensation: { kind: 'fuel', note: 'No need to refuel the loan car', value: { amount: 20, currency: dealer.currency } } },
  });
}
