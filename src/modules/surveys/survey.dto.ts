import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsInt, IsISO8601, IsNumber, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { SLUG } from '../dealers/dealer-values.js';
import { CustomerInputDto, VehicleInputDto } from '../tickets/intake/create-ticket.dto.js';
import { SEVERITIES } from '../tickets/ticket-values.js';

/** Printable ASCII, no spaces: it must survive a copy into the provider's settings. */
const SECRET = /^[\x21-\x7e]+$/;

export const SURVEY_KINDS = ['new-car-buyer', 'after-sales', 'call-follow-up', 'custom'] as const;

export class QuestionDto {
  @ApiProperty({ example: 'reception-wait' }) @Matches(/^[a-z0-9][a-z0-9_-]{0,63}$/, { message: 'id must be a short slug (a–z, 0–9, - and _)' })
  id: string;

  @ApiProperty({ example: 'Waiting time at reception' }) @IsString() @Length(1, 500)
  text: string;

  @ApiProperty({ example: 'workshop-service', description: 'product-driving, dealer-purchase, workshop-service, loyalty, or a custom slug' })
  @Matches(SLUG, { message: 'area must be a slug such as workshop-service' })
  area: string;

  @ApiProperty({ example: 20 }) @IsNumber() @Min(0.001) @Max(1000)
  weight: number;

  @ApiProperty({ example: 10 }) @IsInt() @Min(1) @Max(100)
  scaleMax: number;

  @ApiProperty({ example: 4, description: 'an answer at or below this is negative' }) @IsInt() @Min(0) @Max(100)
  negativeAtOrBelow: number;

  @ApiProperty({ example: 'service' }) @Matches(SLUG, { message: 'department must be a slug such as service' })
  department: string;

  @ApiProperty({ example: 'waiting-time' }) @Matches(SLUG, { message: 'category must be a slug such as waiting-time' })
  category: string;
}

export class SeverityBandDto {
  @ApiProperty({ example: 0.2 }) @IsNumber() @Min(0) @Max(1)
  atOrBelow: number;

  @ApiProperty({ enum: SEVERITIES }) @IsIn(SEVERITIES)
  severity: (typeof SEVERITIES)[number];
}

export class CreateSurveyDto {
  @ApiProperty({ example: 'After-sales 2026' }) @IsString() @Length(1, 200)
  name: string;

  @ApiProperty({ enum: SURVEY_KINDS }) @IsIn(SURVEY_KINDS, { message: `kind must be one of ${SURVEY_KINDS.join(', ')}` })
  kind: string;

  @ApiProperty({ type: [QuestionDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => QuestionDto)
  questions: QuestionDto[];

  @ApiPropertyOptional({ type: [SeverityBandDto], description: 'how low (share of the scale) an answer must be for each severity' })
  @IsOptional() @IsArray() @ArrayMaxSize(4) @ValidateNested({ each: true }) @Type(() => SeverityBandDto)
  severityBands?: SeverityBandDto[];

  @ApiPropertyOptional({ description: 'A secret shared with the survey provider (32–200 printable characters). When set, every webhook delivery must carry X-Amends-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">, within 5 minutes of our clock. Never shown again.' })
  @IsOptional() @IsString() @Length(32, 200, { message: 'signingSecret must be 32 to 200 characters' }) @Matches(SECRET, { message: 'signingSecret must be printable ASCII without spaces' })
  signingSecret?: string;
}

/** Changes to a survey; its questions stay as answered. */
export class UpdateSurveyDto {
  @ApiPropertyOptional({ example: 'After-sales 2026' }) @ValidateIf((o) => o.name !== undefined) @IsString() @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'A new shared secret (as at creation), or null to take unsigned deliveries again. Never shown again.' })
  @ValidateIf((o) => o.signingSecret !== null && o.signingSecret !== undefined)
  @IsString() @Length(32, 200, { message: 'signingSecret must be 32 to 200 characters' }) @Matches(SECRET, { message: 'signingSecret must be printable ASCII without spaces' })
  signingSecret?: string | null;
}

export class AnswerDto {
  @ApiProperty() @IsString() @Length(1, 64)
  questionId: string;

  @ApiProperty() @IsInt({ message: 'score must be a whole number' })
  score: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  comment?: string;
}

export class SurveyResponseDto {
  @ApiProperty({ example: 'resp-2026-000123' }) @IsString() @Length(1, 200)
  externalId: string;

  @ApiProperty() @IsUUID('all', { message: 'dealerId must be a dealer id' })
  dealerId: string;

  @ApiProperty({ example: '2026-11-20T10:00:00+01:00' }) @IsISO8601({ strict: true }, { message: 'respondedAt must be an ISO 8601 date-time' })
  respondedAt: string;

  @ApiProperty({ type: CustomerInputDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => CustomerInputDto)
  customer: CustomerInputDto;

  @ApiPropertyOptional({ type: VehicleInputDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => VehicleInputDto)
  vehicle?: VehicleInputDto;

  @ApiProperty({ type: [AnswerDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => AnswerDto)
  answers: AnswerDto[];
}
