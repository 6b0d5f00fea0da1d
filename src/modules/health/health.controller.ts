import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../users/auth.decorators.js';
import { ApiAnswer, ApiErrors, ApiNoAuth, ApiSummary } from '../../common/openapi/api-docs.decorators.js';
import { HEALTH_ANSWERS } from './health.answers.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

  /** The process is up. */
  @ApiSummary('The process is up')
  @ApiAnswer(200, HEALTH_ANSWERS.live)
  @ApiErrors()
  @ApiNoAuth()
  @Get('live')
  @Public()
  live() {
    return { status: 'ok' };
  }

  /** The database answers; 503 when it does not. */
  @ApiSummary('The database answers; 503 when it does not')
  @ApiErrors()
  @ApiNoAuth()
  @Get('ready')
  @Public()
  @HealthCheck()
  ready() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 2000 })]);
  }
}
