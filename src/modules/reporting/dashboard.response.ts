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
  @ApiProperty({ example: { from: '2026-09-07T00:00:00.000Z', to: '2026-11-30T00:00:00.000Z' } }) period: { from: string; to: string };
  @ApiProperty({ nullable: true, type: String }) dealerId: string | null;
  @ApiProperty({ description: 'open tickets now (not just the period) by stage and SLA state', example: [{ stage: 'fix', slaState: 'at-risk', count: 3 }] })
  openByStage: unknown[];
  @ApiProperty() breaches: number;
  @ApiProperty({ nullable: true, type: Number }) medianHoursToFirstResponse: number | null;
  @ApiProperty({ nullable: true, type: Number }) medianHoursToResolution: number | null;
  @ApiProperty({ example: [{ target: 'listen', onTime: 9, total: 10, percent: 90 }] }) slaCompliance: unknown[];
  @ApiProperty({ example: { answered: 12, recovered: 9, rate: 75 } }) recovery: unknown;
  @ApiProperty({ example: [{ kind: 'fuel', currency: 'EUR', total: 120, count: 3 }] }) compensation: unknown[];
  @ApiProperty({ example: { count: 4, retained: 3 } }) salesAtRisk: unknown;
  @ApiProperty({ example: [{ rootCause: 'waiting-time', count: 7 }] }) rootCauses: unknown[];
  @ApiProperty({ description: 'tickets received per ISO week of the period', example: [{ week: '2026-W48', count: 17 }] }) weeklyTrend: unknown[];
  @ApiProperty({ type: [TrendWeekDto], description: 'the 12 ISO weeks ending with the period (every week present, oldest first): SLA compliance and recovery rate, counted as the period\'s figures are' })
  trend: TrendWeekDto[];
  @ApiProperty({ type: [LeagueRowDto] }) league: LeagueRowDto[];
}
