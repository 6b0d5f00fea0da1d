import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';

/** A report's scope and period: one dealer (or all in the caller's scope), from and to. */
export class DealerPeriodQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'dealerId must be a dealer id' }) dealerId?: string;
  @ApiPropertyOptional({ example: '2026-09-01' }) @IsOptional() @IsISO8601({}, { message: 'from must be a date' }) from?: string;
  @ApiPropertyOptional({ example: '2026-12-01' }) @IsOptional() @IsISO8601({}, { message: 'to must be a date' }) to?: string;
}
