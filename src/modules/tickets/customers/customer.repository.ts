import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Customer } from './customer.entity.js';

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
}

/** The same for free functions that run inside a transaction (mails). */
export const customerRows = new CustomerRepository();
