import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { insertPlainRows } from '../../common/database/insert-rows.js';
import { Escalation } from './escalation.entity.js';

/** The escalations the sweep writes, inside its batch's transaction; specs swap it for an in-memory one. */
@Injectable()
export class EscalationRepository {
  async insertMany(m: EntityManager, rows: Escalation[]): Promise<void> {
    await insertPlainRows(m, Escalation, rows);
  }
}
