import { Injectable } from '@nestjs/common';
import { In, IsNull, type EntityManager } from 'typeorm';
import { updateChanged } from '../../../common/database/changed-columns.js';
import { insertRows } from '../../../common/database/insert-rows.js';
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

  async insert(m: EntityManager, customer: Customer): Promise<void> {
    await insertRows(m, Customer, customer);
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

/** The same for free functions that run inside a transaction (mails). */
export const customerRows = new CustomerRepository();
