import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CONTACT_WAYS, ROOT_CAUSES, type ContactWay } from '../ticket-values.js';
import type { Stage } from './ticket-workflow.js';

/** The body each stage is completed with (API.md, stage table). */

export class ListenBody {
  @ApiProperty({ enum: CONTACT_WAYS }) @IsIn(CONTACT_WAYS, { message: `contactedVia must be one of ${CONTACT_WAYS.join(', ')}` })
  contactedVia: ContactWay;

  @ApiPropertyOptional({ description: 'internal note' }) @IsOptional() @IsString() @MaxLength(2000)
  note?: string;
}

export class ApologiseBody {
  @ApiProperty({ example: 'Pieter Bakker, sales manager' }) @IsString() @Length(1, 200)
  by: string;

  @ApiProperty({ enum: CONTACT_WAYS }) @IsIn(CONTACT_WAYS, { message: `how must be one of ${CONTACT_WAYS.join(', ')}` })
  how: ContactWay;

  @ApiPropertyOptional({ description: 'sent to the customer' }) @IsOptional() @IsString() @Length(1, 5000)
  message?: string;
}

export class FixBody {
  @ApiProperty({ enum: ROOT_CAUSES }) @IsIn(ROOT_CAUSES, { message: `rootCause must be one of ${ROOT_CAUSES.join(', ')}` })
  rootCause: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  rootCauseNote?: string;

  @ApiProperty({ description: 'the action agreed with the customer' }) @IsString() @Length(1, 2000)
  action: string;

  @ApiProperty({ description: 'who does it' }) @IsString() @Length(1, 200)
  owner: string;
}

export class NoCompensationBody {
  @ApiProperty() @IsString() @Length(1, 1000)
  reason: string;
}

export class CompensateBody {
  @ApiPropertyOptional({ type: NoCompensationBody, description: 'when nothing is offered' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => NoCompensationBody)
  noCompensation?: NoCompensationBody;
}

export class FollowUpBody {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt({ message: 'score must be a whole number from 1 to 5' }) @Min(1) @Max(5)
  score: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  comment?: string;

  @ApiProperty({ enum: ['phone', 'in-person'] }) @IsIn(['phone', 'in-person'], { message: 'via must be phone or in-person' })
  via: 'phone' | 'in-person';
}

export class CloseBody {
  @ApiProperty({ enum: ['retained', 'lost', 'unknown'] }) @IsIn(['retained', 'lost', 'unknown'], { message: 'outcome must be retained, lost or unknown' })
  outcome: 'retained' | 'lost' | 'unknown';
}

export const STAGE_BODIES = {
  listen: ListenBody,
  apologise: ApologiseBody,
  fix: FixBody,
  compensate: CompensateBody,
  'follow-up': FollowUpBody,
  closed: CloseBody,
} satisfies Record<Stage, new () => object>;

export type StageBody = ListenBody | ApologiseBody | FixBody | CompensateBody | FollowUpBody | CloseBody;

export class ReasonBody {
  @ApiProperty() @IsString() @Length(1, 1000)
  reason: string;
}

export class OptionalReasonBody {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 1000)
  reason?: string;
}
