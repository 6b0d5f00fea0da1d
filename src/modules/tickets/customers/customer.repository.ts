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

  /** Customers' names by id (what a staff mail says of them). */
  names(m: EntityManager, ids: string[]): Promise<Pick<Customer, 'id' | 'name'>[]> {
    return m.find(Customer, { where: { id: In(ids) }, select: { id: true, name: true } });
  }
}

/** The same for free functions that run inside a transaction (mails). */
export const customerRows = new CustomerRepository();
