import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CreateTicketDto } from '../tickets/intake/create-ticket.dto.js';
import { SLUG } from '../tickets/ticket-values.js';

export const CONTACT_STATUSES = ['scheduled', 'due', 'overdue', 'done'] as const;
export const CALL_OUTCOMES = ['reached', 'no-answer', 'new-issue'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export class CadenceStepDto {
  @ApiPropertyOptional({ example: 2, description: 'exactly one of afterBusinessDays and afterMonths' }) afterBusinessDays?: number;
  @ApiPropertyOptional({ example: 6 }) afterMonths?: number;
  @ApiProperty({ enum: ['call', 'message'] }) kind: 'call' | 'message';
  @ApiProperty({ example: 'service' }) department: string;
  @ApiProperty({ example: 'Check the customer is content' }) purpose: string;
}

/** The steps are checked as a whole by cadenceProblems, so every problem names its field. */
export class ContactCadenceDto {
  @ApiProperty({ type: [CadenceStepDto] }) @IsArray({ message: 'steps must be a list' })
  steps: CadenceStepDto[];
}

export class ListContactsQuery {
  @ApiPropertyOptional({ enum: CONTACT_STATUSES }) @IsOptional() @IsIn(CONTACT_STATUSES, { message: `status must be one of ${CONTACT_STATUSES.join(', ')}` })
  status?: (typeof CONTACT_STATUSES)[number];

  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'dealerId must be a dealer id' })
  dealerId?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(SLUG, { message: 'department must be a slug such as service' }) @MaxLength(32)
  department?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'customerId must be a customer id' })
  customerId?: string;
}

/** A new issue the customer raises on the call: the intake body without the customer (known) or the dealer (the contact's). */
export class NewIssueDto extends OmitType(CreateTicketDto, ['customer', 'dealerId'] as const) {}

export class CompleteContactDto {
  @ApiProperty({ enum: CALL_OUTCOMES }) @IsIn(CALL_OUTCOMES, { message: `outcome must be one of ${CALL_OUTCOMES.join(', ')}` })
  outcome: CallOutcome;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ description: 'on the last call: serviced or bought here in the year' }) @IsOptional() @IsBoolean({ message: 'stillCustomer must be true or false' })
  stillCustomer?: boolean;

  @ApiPropertyOptional({ type: NewIssueDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => NewIssueDto)
  newIssue?: NewIssueDto;
}

export class FiguresQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'dealerId must be a dealer id' })
  dealerId?: string;
}
