import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { LANGUAGES, SLUG } from '../tickets/ticket-values.js';

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

  @ApiProperty({ type: CalendarDto }) @ValidateNested() @Type(() => CalendarDto)
  calendar: CalendarDto;

  @ApiPropertyOptional({ example: ['sales', 'service', 'parts'] })
  @IsOptional() @IsArray() @ArrayMaxSize(30) @Matches(SLUG, { each: true, message: 'departments must be slugs such as sales' })
  departments?: string[];
}

export class UpdateDealerDto extends PartialType(CreateDealerDto) {}
