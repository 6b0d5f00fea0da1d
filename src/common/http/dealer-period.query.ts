import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID, Validate, ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
import { MAX_REPORT_YEARS, reportPeriodTooLong } from './report-period.js';

/** `to` no further after `from` than a report may span; unreadable dates are left to their own rules. */
@ValidatorConstraint({ name: 'reportPeriodCap' })
class WithinReportPeriodCap implements ValidatorConstraintInterface {
  validate(to: unknown, args: ValidationArguments): boolean {
    const from = (args.object as DealerPeriodQuery).from;
    if (typeof to !== 'string' || typeof from !== 'string') return true;
    const [f, t] = [new Date(from), new Date(to)];
    return Number.isNaN(f.getTime()) || Number.isNaN(t.getTime()) || !reportPeriodTooLong(f, t);
  }

  defaultMessage(): string {
    return `to must be at most ${MAX_REPORT_YEARS} years after from (a report's period is capped at ${MAX_REPORT_YEARS} years)`;
  }
}

/** A report's scope and period: one dealer (or all in the caller's scope), from and to, at most two years apart. */
export class DealerPeriodQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'dealerId must be a dealer id' }) dealerId?: string;
  @ApiPropertyOptional({ example: '2026-09-01' }) @IsOptional() @IsISO8601({}, { message: 'from must be a date' }) from?: string;
  @ApiPropertyOptional({ example: '2026-12-01', description: `At most ${MAX_REPORT_YEARS} years after from.` })
  @IsOptional()
  @IsISO8601({}, { message: 'to must be a date' })
  @Validate(WithinReportPeriodCap)
  to?: string;
}
