import { Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Clock } from '../../common/clock/clock.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { ApiAnswer, ApiErrors, ApiNoContent, ApiStaffAuth, ApiSummary } from '../../common/openapi/api-docs.decorators.js';
import { Roles } from '../users/auth.decorators.js';
import { HEALTH_ANSWERS } from './health.answers.js';

/**
 * How long write transactions held the writer, for the operator (admins only: labels name the
 * app's code). Per worker process: with several, each answers for itself (`pid`).
 */
@ApiTags('health')
@ApiStaffAuth()
@Controller('api/admin/writer-holds')
export class WriterHoldsController {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** The longest write transactions since start (or the last reset), and per label. */
  @ApiSummary('The longest write transactions of this worker since start or the last reset, and per label')
  @ApiAnswer(200, HEALTH_ANSWERS.writerHolds)
  @ApiErrors(401, 403)
  @Get()
  @Roles('admin')
  list() {
    return { engine: this.uow.engine, pid: process.pid, warnAboveMs: this.uow.warnAboveMs, ...this.uow.holds.snapshot() };
  }

  /** Forgets the figures, so the next read covers only what follows (the bench reads each phase apart). */
  @ApiSummary("Forget this worker's figures: the next read covers only what follows")
  @ApiNoContent('Forgotten')
  @ApiErrors(401, 403)
  @Delete()
  @Roles('admin')
  @HttpCode(204)
  reset(): void {
    this.uow.holds.reset(this.clock.now());
  }
}
