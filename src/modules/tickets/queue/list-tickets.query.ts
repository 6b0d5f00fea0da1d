import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { CHANNELS, SEVERITIES, SLA_STATES, SLUG, STATUSES } from '../ticket-values.js';
import { STAGES } from '../workflow/ticket-workflow.js';

export const SORTS = ['nextDue', 'receivedAt', 'severity'] as const;
export type Sort = (typeof SORTS)[number];

/** The queue's filters, sort and page, as query parameters. */
export class ListTicketsQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'dealerId must be a dealer id' })
  dealerId?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(SLUG, { message: 'department must be a slug such as sales' })
  department?: string;

  @ApiPropertyOptional({ enum: STAGES }) @IsOptional() @IsIn(STAGES, { message: `stage must be one of ${STAGES.join(', ')}` })
  stage?: string;

  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ enum: SEVERITIES }) @IsOptional() @IsIn(SEVERITIES, { message: `severity must be one of ${SEVERITIES.join(', ')}` })
  severity?: string;

  @ApiPropertyOptional({ enum: SLA_STATES }) @IsOptional() @IsIn(SLA_STATES, { message: `slaState must be one of ${SLA_STATES.join(', ')}` })
  slaState?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'assigneeId must be a user id' })
  assigneeId?: string;

  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS, { message: `channel must be one of ${CHANNELS.join(', ')}` })
  channel?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only the tickets where a sale is at risk; false: only those where none is' })
  @IsOptional() @IsIn(['true', 'false'], { message: 'saleAtRisk must be true or false' })
  saleAtRisk?: string;

  @ApiPropertyOptional({ enum: ['true'], description: 'true: only the tickets nobody is assigned to (not with assigneeId)' })
  @IsOptional() @IsIn(['true'], { message: 'unassigned must be true' })
  unassigned?: string;

  @ApiPropertyOptional({ description: 'text in the reference, the account or the customer name' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'true: leave out closed tickets (what the queue page shows by default)' })
  @IsOptional() @IsIn(['true', 'false'], { message: 'openOnly must be true or false' })
  openOnly?: string;

  @ApiPropertyOptional({ enum: SORTS, default: 'nextDue' }) @IsOptional() @IsIn(SORTS, { message: `sort must be one of ${SORTS.join(', ')}` })
  sort?: Sort;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be a whole number' }) @Min(1) @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(500)
  cursor?: string;
}
