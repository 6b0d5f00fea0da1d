import { Injectable } from '@nestjs/common';
import { In, IsNull, type EntityManager } from 'typeorm';
import { User } from './user.entity.js';

/**
 * The active staff of dealers and of the importer, as other modules' transactions read them
 * (the escalation ladder picks from these), in a set order (by email) so that a level's
 * recipients are listed alike wherever read. Service specs swap it for an in-memory one.
 */
@Injectable()
export class StaffDirectory {
  /** One dealer's active staff and the importer's. */
  activeStaffOf(m: EntityManager, dealerId: string): Promise<User[]> {
    return m.find(User, { where: [{ dealerId, active: true }, { dealerId: IsNull(), active: true }], order: { email: 'ASC' } });
  }

  /** The same for many dealers at once (the sweep's batch), plus some users by id, in the same order. */
  activeStaffOfDealers(m: EntityManager, dealerIds: string[], userIds: string[]): Promise<User[]> {
    const where = [{ dealerId: In(dealerIds), active: true }, { dealerId: IsNull(), active: true }, ...(userIds.length ? [{ id: In(userIds), active: true }] : [])];
    return m.find(User, { where, order: { email: 'ASC' } });
  }
}

/** The same for free functions that run inside another module's transaction (mails). */
export const staffDirectory = new StaffDirectory();
