import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { csvLine, startCsv } from '../../common/http/csv.js';
import type { Actor } from '../users/roles.js';
import type { ListImprovementsQuery } from './improvement.dto.js';
import { ImprovementsService } from './improvements.service.js';

/** Improvements as CSV, as the reporting exports are (see common/http/csv). */
@Injectable()
export class ImprovementsExport {
  constructor(private readonly improvements: ImprovementsService) {}

  async csv(actor: Actor, query: ListImprovementsQuery, res: Response): Promise<void> {
    const rows = await this.improvements.list(actor, query);
    startCsv(res, 'improvements.csv');
    res.write(csvLine(['id', 'title', 'dealer', 'department', 'rootCause', 'owner', 'dueDate', 'status', 'overdue', 'doneAt', 'dropReason', 'createdAt']));
    for (const r of rows) res.write(csvLine([r.id, r.title, r.dealerName ?? 'all dealers', r.department, r.rootCause, r.ownerName, r.dueDate, r.status, r.overdue ? 'yes' : 'no', r.doneAt, r.dropReason, r.createdAt]));
    res.end();
  }
}
