import type { Client } from './http-client.js';

export interface DemoDealer {
  id: string;
  name: string;
  country: string;
  currency: string;
  language: string;
}

/** The seeded demo dealers by country code (no, se, nl). */
export async function demoDealers(client: Client): Promise<Record<string, DemoDealer>> {
  const res = await client.get<DemoDealer[]>('/api/dealers');
  return Object.fromEntries(res.body.map((d) => [d.country, d]));
}

/** A valid complaint for a dealer; override what a test is about. */
export function complaint(dealerId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    dealerId,
    department: 'service',
    category: 'workmanship',
    channel: 'phone',
    severity: 'medium',
    customer: { name: 'Test Customer', email: 'test.customer@example.com' },
    account: 'The noise is still there after the repair.',
    ...overrides,
  };
}
