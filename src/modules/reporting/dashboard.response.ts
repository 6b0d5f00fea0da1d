import { ApiProperty } from '@nestjs/swagger';

/** The OpenAPI description of GET /api/reports/dashboard (the service's DashboardFigures). */
export class TrendWeekDto {
  @ApiProperty({ example: '2026-W48', description: 'ISO week (UTC)' }) week: string;
  @ApiProperty({ nullable: true, type: Number, example: 87.5, description: '% of the deadlines of timers started that week that were met on time, of those met, breached or overdue; null when none' })
  slaCompliance: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 66.7, description: '% of tickets received that week whose follow-up was answered 4 or 5, of those answered; null when none' })
  recoveryRate: number | null;
}

export class LeagueRowDto {
  @ApiProperty({ nullable: true, type: Number, description: '1 = best; null for a dealer with no satisfaction index, SLA compliance or recovery rate in the period (listed last)' })
  rank: number | null;
  @ApiProperty() dealerId: string;
  @ApiProperty() dealerName: string;
  @ApiProperty({ nullable: true, type: Number }) satisfactionIndex: number | null;
  @ApiProperty({ nullable: true, type: Number }) slaCompliance: number | null;
  @ApiProperty({ nullable: true, type: Number }) recoveryRate: number | null;
  @ApiProperty() tickets: number;
}

export class DashboardFiguresDto {
  @ApiProperty({ type: 'object', required: ['from', 'to'], properties: { from: { type: 'string' }, to: { type: 'string' } }, example: { from: '2026-09-07T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z' } }) period: { from: string; to: string };
  @ApiProperty({ nullable: true, type: String }) dealerId: string | null;
  @ApiProperty({ type: 'array', items: { type: 'object', required: ['stage', 'slaState', 'count'], properties: { stage: { type: 'string' }, slaState: { type: 'string' }, count: { type: 'integer' } } }, description: 'open tickets now (not just the period) by stage and SLA state', example: [{ stage: 'fix', slaState: 'at-risk', count: 3 }] })
  openByStage: unknown[];
  @ApiProperty() breaches: number;
  @ApiProperty({ nullable: true, type: Number }) medianHoursToFirstResponse: number | null;
  @ApiProperty({ nullable: true, type: Number }) medianHoursToResolution: number | null;
  @ApiProperty({ type: 'array', items: { type: 'object', required: ['target', 'onTime', 'total', 'percent'], properties: { target: { type: 'string' }, onTime: { type: 'integer' }, total: { type: 'integer' }, percent: { type: 'number', nullable: true } } }, example: [{ target: 'listen', onTime: 9, total: 10, percent: 90 }] }) slaCompliance: unknown[];
  @ApiProperty({ type: 'object', required: ['answered', 'recovered', 'rate'], properties: { answered: { type: 'integer' }, recovered: { type: 'integer' }, rate: { type: 'number', nullable: true } }, example: { answered: 12, recovered: 9, rate: 75 } }) recovery: unknown;
  @ApiProperty({ type: 'array', items: { type: 'object', required: ['kind', 'currency', 'total', 'count'], properties: { kind: { type: 'string' }, currency: { type: 'string' }, total: { type: 'number' }, count: { type: 'integer' } } }, example: [{ kind: 'fuel', currency: 'EUR', total: 120, count: 3 }] }) compensation: unknown[];
  @ApiProperty({ type: 'object', required: ['count', 'retained'], properties: { count: { type: 'integer' }, retained: { type: 'integer' } }, example: { count: 4, retained: 3 } }) salesAtRisk: unknown;
  @ApiProperty({ type: 'array', items: { type: 'object', required: ['rootCause', 'count'], properties: { rootCause: { type: 'string' }, count: { type: 'integer' } } }, example: [{ rootCause: 'waiting-time', count: 7 }] }) rootCauses: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object', required: ['week', 'count'], properties: { week: { type: 'string' }, count: { type: 'integer' } } }, description: 'tickets received per ISO week of the period', example: [{ week: '2026-W48', count: 17 }] }) weeklyTrend: unknown[];
  @ApiProperty({ type: [TrendWeekDto], description: 'the 12 ISO weeks ending with the period (every week present, oldest first): SLA compliance and recovery rate, counted as the period\'s figures are' })
  trend: TrendWeekDto[];
  @ApiProperty({ type: [LeagueRowDto] }) league: LeagueRowDto[];
}
