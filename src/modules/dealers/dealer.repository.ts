import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Dealer } from './dealer.entity.js';

/**
 * The dealers table as other modules reach it: inside their own transaction (the manager
 * they pass), so a read sees what the transaction wrote. Stateless; service specs swap it
 * for an in-memory one.
 */
@Injectable()
export class DealerRepository {
  byId(m: EntityManager, id: string): Promise<Dealer> {
    return m.findOneByOrFail(Dealer, { id });
  }

  find(m: EntityManager, id: string): Promise<Dealer | null> {
    return m.findOneBy(Dealer, { id });
  }

  exists(m: EntityManager, id: string): Promise<boolean> {
    return m.existsBy(Dealer, { id });
  }

  byIds(m: EntityManager, ids: string[]): Promise<Dealer[]> {
    return m.findBy(Dealer, { id: In(ids) });
  }
}

/** The same for free functions that run inside another module's transaction (mails). */
export const dealerRows = new DealerRepository();
