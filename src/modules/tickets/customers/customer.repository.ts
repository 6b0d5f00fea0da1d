import { Injectable } from '@nestjs/common';
import { In, IsNull, type EntityManager } from 'typeorm';
import { updateChanged } from '../../../common/database/changed-columns.js';
import { insertPlainRows } from '../../../common/database/insert-rows.js';
import { Customer } from './customer.entity.js';
import type { lookupKey } from './customer-identity.js';

type LookupKey = NonNullable<ReturnType<typeof lookupKey>>;

/**
 * The customers table, read and written inside the caller's transaction (the manager it
 * passes). Other modules reach customers only through this; service specs swap it for an
 * in-memory one.
 */
@Injectable()
export class CustomerRepository {
  byId(m: EntityManager, id: string): Promise<Customer> {
    return m.findOneByOrFail(Customer, { id });
  }

  byIds(m: EntityManager, ids: string[]): Promise<Customer[]> {
    return m.findBy(Customer, { id: In(ids) });
  }

  /**
   * The dealer's customer with this key: by e-mail, or by phone among those without one
   * (see customer-identity.ts); the oldest, should two ever share it (two intakes of one
   * newcomer at once).
   */
  byKey(m: EntityManager, dealerId: string, key: LookupKey): Promise<Customer | null> {
    const where = 'email' in key ? { dealerId, email: key.email } : { dealerId, phone: key.phone, email: IsNull() };
    return m.findOne(Customer, { where, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * `byKey` for several keys of one dealer in one read: for each key (`keyString`) its
   * customer, the oldest should two share it.
   */
  async byKeys(m: EntityManager, dealerId: string, keys: LookupKey[]): Promise<Map<string, Customer>> {
    const emails = keys.flatMap((k) => ('email' in k ? [k.email] : []));
    const phones = keys.flatMap((k) => ('phone' in k ? [k.phone] : []));
    const where = [...(emails.length ? [{ dealerId, email: In(emails) }] : []), ...(phones.length ? [{ dealerId, phone: In(phones), email: IsNull() }] : [])];
    const found = new Map<string, Customer>();
    if (!where.length) return found;
    for (const c of await m.find(Customer, { where, order: { createdAt: 'ASC', id: 'ASC' } })) {
      for (const key of [c.email ? keyString({ email: c.email }) : null, !c.email && c.phone ? keyString({ phone: c.phone, withoutEmail: true }) : null]) {
        if (key && !found.has(key)) found.set(key, c);
      }
    }
    return found;
  }

  async insert(m: EntityManager, customer: Customer): Promise<void> {
    await insertPlainRows(m, Customer, [customer]);
  }

  async insertMany(m: EntityManager, customers: Customer[]): Promise<void> {
    await insertPlainRows(m, Customer, customers);
  }

  /** Only the columns that changed (save() would read the row back first). */
  updateChanged(m: EntityManager, before: Customer, after: Customer): Promise<void> {
    return updateChanged(m, Customer, before, after);
  }

  /** Customers' names by id (what a staff mail says of them). */
  names(m: EntityManager, ids: string[]): Promise<Pick<Customer, 'id' | 'name'>[]> {
    return m.find(Customer, { where: { id: In(ids) }, select: { id: true, name: true } });
  }
}

/** A lookup key as one string, for maps. */
export function keyString(key: LookupKey): string {
  return 'email' in key ? `email:${key.email}` : `phone:${key.phone}`;
}

/** The same for free functions that run inside a transaction (mails). */
export const customerRows = new CustomerRepository();
