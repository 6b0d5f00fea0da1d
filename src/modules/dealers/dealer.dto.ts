import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsNumber, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { LowerCode, UpperCode } from '../../common/http/codes.js';
import { LANGUAGES, SLUG } from './dealer-values.js';

export class HolidayDto {
  @ApiProperty({ example: '2026-12-24' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date: string;

  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string', example: '09:00' } }, example: [['09:00', '12:00']], description: 'opening intervals that day; [] = closed' })
  @IsArray() @ArrayMaxSize(6)
  intervals: [string, string][];

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 100)
  name?: string;
}

export class CalendarDto {
  @ApiProperty({ example: { mon: [['09:00', '18:00']], sat: [['11:00', '16:00']] } })
  @IsObject()
  weekly: Record<string, [string, string][]>;

  @ApiProperty({ type: [HolidayDto] })
  @IsArray() @ArrayMaxSize(400) @ValidateNested({ each: true }) @Type(() => HolidayDto)
  holidays: HolidayDto[];
}

const limit = () => [IsOptional(), IsNumber({ allowNaN: false, allowInfinity: false }), Min(0), Max(1_000_000_000)];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));

/** The largest compensation each role may grant without approval, in the dealer's currency; leave a role out for unlimited. */
export class ApprovalLimitsDto {
  @ApiPropertyOptional({ example: 50 }) @apply(limit())
  receptionist?: number;

  @ApiPropertyOptional({ example: 500 }) @apply(limit())
  'department-manager'?: number;

  @ApiPropertyOptional() @apply(limit())
  'quality-manager'?: number;

  @ApiPropertyOptional() @apply(limit())
  principal?: number;

  @ApiPropertyOptional() @apply(limit())
  admin?: number;
}

export class CreateDealerDto {
  @ApiProperty({ example: 'Amends Motors Oslo' }) @IsString() @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'no', description: 'either case; stored lower-case' }) @LowerCode() @Matches(/^[a-z]{2}$/, { message: 'country must be an ISO 3166 alpha-2 code such as no' })
  country: string;

  @ApiProperty({ example: 'Europe/Oslo' }) @IsString() @Length(1, 64)
  timeZone: string;

  @ApiProperty({ enum: LANGUAGES, description: 'either case; stored lower-case' }) @LowerCode() @IsIn(LANGUAGES, { message: `language must be one of ${LANGUAGES.join(', ')}` })
  language: string;

  @ApiProperty({ example: 'NOK', description: 'either case; stored upper-case' }) @UpperCode() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as NOK' })
  currency: string;

  // IsDefined: ValidateNested alone lets a missing calendar through (found by the fuzz: a 500).
  @ApiProperty({ type: CalendarDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => CalendarDto)
  calendar: CalendarDto;

  @ApiPropertyOptional({ type: ApprovalLimitsDto, description: 'defaults: receptionist 50, department manager 500, others unlimited' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ApprovalLimitsDto)
  approvalLimits?: ApprovalLimitsDto;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+47 22 00 00 00', description: "shown to customers on the tracking page" })
  @IsOptional() @IsString({ message: 'phone must be text' }) @Length(0, 40, { message: 'phone must be at most 40 characters' })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Karl Johans gate 1, 0154 Oslo', description: "shown to customers on the tracking page" })
  @IsOptional() @IsString({ message: 'address must be text' }) @Length(0, 300, { message: 'address must be at most 300 characters' })
  address?: string | null;

  @ApiPropertyOptional({ example: ['sales', 'service', 'parts'] })
  @IsOptional() @IsArray() @ArrayMaxSize(30) @Matches(SLUG, { each: true, message: 'departments must be slugs such as sales' })
  departments?: string[];
}

export class UpdateDealerDto extends PartialType(CreateDealerDto) {}

/** The admin page's form for a dealer's phone and address alone. */
export class DealerContactDto extends PickType(CreateDealerDto, ['phone', 'address'] as const) {}
