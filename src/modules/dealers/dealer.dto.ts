import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsNumber, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { LANGUAGES, SLUG } from './dealer-values.js';

export class HolidayDto {
  @ApiProperty({ example: '2026-12-24' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date: string;

  @ApiProperty({ example: [['09:00', '12:00']], description: 'opening intervals that day; [] = closed' })
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

  @ApiProperty({ example: 'no' }) @Matches(/^[a-z]{2}$/, { message: 'country must be a lower-case ISO 3166 alpha-2 code' })
  country: string;

  @ApiProperty({ example: 'Europe/Oslo' }) @IsString() @Length(1, 64)
  timeZone: string;

  @ApiProperty({ enum: LANGUAGES }) @IsIn(LANGUAGES, { message: `language must be one of ${LANGUAGES.join(', ')}` })
  language: string;

  @ApiProperty({ example: 'NOK' }) @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as NOK' })
  currency: string;

  // IsDefined: ValidateNested alone lets a missing calendar through (found by the fuzz: a 500).
  @ApiProperty({ type: CalendarDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => CalendarDto)
  calendar: CalendarDto;

  @ApiPropertyOptional({ type: ApprovalLimitsDto, description: 'defaults: receptionist 50, department manager 500, others unlimited' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ApprovalLimitsDto)
  approvalLimits?: ApprovalLimitsDto;

  @ApiPropertyOptional({ example: '+31 30 123 45 67', description: 'given to customers in loyalty messages' })
  @IsOptional() @IsString() @Matches(/^\+?[0-9 ()-]{4,40}$/, { message: 'phone must be a phone number such as +31 30 123 45 67' })
  phone?: string;

  @ApiPropertyOptional({ example: ['sales', 'service', 'parts'] })
  @IsOptional() @IsArray() @ArrayMaxSize(30) @Matches(SLUG, { each: true, message: 'departments must be slugs such as sales' })
  departments?: string[];
}

export class UpdateDealerDto extends PartialType(CreateDealerDto) {}
