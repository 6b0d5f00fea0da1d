import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ROOT_CAUSES, SLUG } from '../tickets/ticket-values.js';
import { IMPROVEMENT_STATUSES } from './improvement-workflow.js';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const REF = /^[A-Za-z0-9-]{1,40}$/;

export class CreateImprovementDto {
  @ApiProperty({ example: 'Call back within the hour when a car is late' }) @IsString() @Length(1, 200, { message: 'title must be 1 to 200 characters' })
  title: string;

  @ApiProperty({ nullable: true, description: 'null: all dealers' }) @ValidateIf((_, v) => v !== null) @IsUUID('all', { message: 'dealerId must be a dealer id or null (all dealers)' })
  dealerId: string | null;

  @ApiProperty({ example: 'sales' }) @Matches(SLUG, { message: 'department must be a slug such as sales' })
  department: string;

  @ApiProperty({ enum: ROOT_CAUSES }) @IsIn(ROOT_CAUSES, { message: `rootCause must be one of ${ROOT_CAUSES.join(', ')}` })
  rootCause: string;

  @ApiProperty() @IsUUID('all', { message: 'ownerId must be a user id' })
  ownerId: string;

  @ApiProperty({ example: '2027-01-31', description: 'a calendar day in the dealer\'s zone (all dealers: Europe/Oslo)' }) @Matches(DATE, { message: 'dueDate must be a date YYYY-MM-DD' })
  dueDate: string;

  @ApiPropertyOptional({ type: [String], example: ['AM-2026-000123'] }) @IsOptional() @IsArray({ message: 'ticketRefs must be a list of ticket references' }) @ArrayMaxSize(200)
  @Matches(REF, { each: true, message: 'ticketRefs must hold ticket references such as AM-2026-000123' })
  ticketRefs?: string[];
}

export class ImprovementStatusDto {
  @ApiProperty({ enum: IMPROVEMENT_STATUSES }) @IsIn(IMPROVEMENT_STATUSES, { message: `status must be one of ${IMPROVEMENT_STATUSES.join(', ')}` })
  status: (typeof IMPROVEMENT_STATUSES)[number];

  @ApiPropertyOptional({ description: 'required when dropping: the reason' }) @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class LinkTicketsDto {
  @ApiProperty({ type: [String] }) @IsArray({ message: 'refs must be a list of ticket references' }) @ArrayMaxSize(200)
  @Matches(REF, { each: true, message: 'refs must hold ticket references such as AM-2026-000123' })
  refs: string[];
}

export class ListImprovementsQuery {
  @ApiPropertyOptional({ enum: IMPROVEMENT_STATUSES }) @IsOptional() @IsIn(IMPROVEMENT_STATUSES, { message: `status must be one of ${IMPROVEMENT_STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'dealerId must be a dealer id' })
  dealerId?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(SLUG, { message: 'department must be a slug such as sales' })
  department?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'ownerId must be a user id' })
  ownerId?: string;
}

export class SuggestionsQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all', { message: 'dealerId must be a dealer id' })
  dealerId?: string;
}
