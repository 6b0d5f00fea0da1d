/**
 * Who a customer is. A returning customer is recognised by their e-mail address alone,
 * or by phone only when neither record has an address: a vehicle changes owners and a
 * family shares a phone, so a VIN or a phone never says who someone is. A guess here
 * hands one customer's case (and every later mail about it) to another.
 */

export interface Contact {
  name: string;
  email: string | null;
  phone: string | null;
}

export type ContactField = keyof Contact;

export interface ContactChange {
  field: ContactField;
  from: string | null;
  to: string | null;
}

export function normaliseEmail(email: string | null | undefined): string | null {
  return email?.trim().toLowerCase() || null;
}

export function normalisePhone(phone: string | null | undefined): string | null {
  return phone?.replace(/[\s()-]/g, '') || null;
}

/** How to look an incoming customer up among the dealer's: by e-mail, by phone among those without one, or not at all. */
export function lookupKey(incoming: Pick<Contact, 'email' | 'phone'>): { email: string } | { phone: string; withoutEmail: true } | null {
  if (incoming.email) return { email: incoming.email };
  if (incoming.phone) return { phone: incoming.phone, withoutEmail: true };
  return null;
}

/** The rule itself, for two normalised contacts. */
export function sameCustomer(known: Pick<Contact, 'email' | 'phone'>, incoming: Pick<Contact, 'email' | 'phone'>): boolean {
  if (known.email || incoming.email) return incoming.email !== null && incoming.email === known.email;
  return incoming.phone !== null && incoming.phone === known.phone;
}

/** What differs between two contacts, field by field, in a fixed order. */
export function contactChanges(before: Contact, after: Contact): ContactChange[] {
  return (['name', 'email', 'phone'] as const).filter((f) => before[f] !== after[f]).map((field) => ({ field, from: before[field], to: after[field] }));
}
