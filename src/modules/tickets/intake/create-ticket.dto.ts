import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean, IsDefined, IsEmail, IsIn, IsISO8601, IsNumber, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min,
  ValidateIf, ValidateNested,
} from 'class-validator';
import { LowerCode, UpperCode } from '../../../common/http/codes.js';
import { CHANNELS, COMPENSATION_KINDS, CONTACT_WAYS, LANGUAGES, SEVERITIES, SLUG, type Channel, type CompensationKind, type ContactWay, type Severity } from '../ticket-values.js';

export class MoneyDto {
  @ApiProperty({ example: 150 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: 'amount must be a number with at most 2 decimals' })
  @Min(0) @Max(1_000_000_000)
  amount: number;

  @ApiProperty({ example: 'EUR' })
  @UpperCode() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency: string;
}

export class CommunicationStyleDto {
  @ApiProperty({ description: 'outgoing (true) or reflective (false)' }) @IsBoolean()
  outgoing: boolean;

  @ApiProperty({ description: 'facts first (true) or feelings first (false)' }) @IsBoolean()
  factsFirst: boolean;
}

export class CustomerInputDto {
  @ApiProperty({ example: 'Sanne de Vries' }) @IsString() @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ description: 'e-mail or phone is required' })
  @ValidateIf((o) => o.email !== undefined || o.phone === undefined)
  @IsDefined({ message: 'email or phone must be given' })
  @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '+31 6 1234 5678' })
  @IsOptional() @Matches(/^\+?[0-9 ()-]{6,30}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ enum: LANGUAGES, description: "defaults to the dealer's language" })
  @IsOptional() @LowerCode() @IsIn(LANGUAGES, { message: `language must be one of ${LANGUAGES.join(', ')}` })
  language?: string;

  @ApiPropertyOptional({ type: CommunicationStyleDto })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CommunicationStyleDto)
  style?: CommunicationStyleDto;

  @ApiPropertyOptional({ default: true, description: 'consent to be contacted' })
  @IsOptional() @IsBoolean()
  consent?: boolean;
}

export class VehicleInputDto {
  @ApiPropertyOptional({ example: 'AB-123-C' }) @IsOptional() @IsString() @Length(1, 20)
  registration?: string;

  @ApiPropertyOptional({ example: 'WVWZZZ1KZAW000001' })
  @IsOptional() @Matches(/^[A-HJ-NPR-Z0-9]{17}$/i, { message: 'vin must be 17 letters and digits (no I, O or Q)' })
  vin?: string;

  @ApiPropertyOptional({ example: 'ID.4' }) @IsOptional() @IsString() @Length(1, 100)
  model?: string;
}

export class SaleAtRiskDto {
  @ApiPropertyOptional({ example: 'ID.7 Tourer' }) @IsOptional() @IsString() @Length(1, 100)
  model?: string;

  @ApiPropertyOptional({ type: MoneyDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => MoneyDto)
  value?: MoneyDto;
}

export class OnTheSpotApologyDto {
  @ApiProperty({ example: 'Reception, Anna' }) @IsString() @Length(1, 200)
  by: string;

  @ApiProperty({ enum: CONTACT_WAYS }) @IsIn(CONTACT_WAYS, { message: `how must be one of ${CONTACT_WAYS.join(', ')}` })
  how: ContactWay;
}

export class OnTheSpotCompensationDto {
  @ApiProperty({ enum: COMPENSATION_KINDS }) @IsIn(COMPENSATION_KINDS, { message: `kind must be one of ${COMPENSATION_KINDS.join(', ')}` })
  kind: CompensationKind;

  @ApiProperty({ type: MoneyDto }) @IsObject() @ValidateNested() @Type(() => MoneyDto)
  value: MoneyDto;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000)
  note?: string;
}

export class OnTheSpotDto {
  @ApiPropertyOptional({ description: 'the customer was listened to: completes the listen stage' })
  @IsOptional() @IsBoolean()
  listened?: boolean;

  @ApiPropertyOptional({ type: OnTheSpotApologyDto, description: 'completes the apologise stage' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => OnTheSpotApologyDto)
  apology?: OnTheSpotApologyDto;

  @ApiPropertyOptional({ type: OnTheSpotCompensationDto, description: 'given on the spot; over the limit it waits for approval' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => OnTheSpotCompensationDto)
  compensation?: OnTheSpotCompensationDto;
}

export class CreateTicketDto {
  @ApiProperty() @IsUUID('all', { message: 'dealerId must be a dealer id' })
  dealerId: string;

  @ApiProperty({ example: 'sales' }) @IsString() @Matches(SLUG, { message: 'department must be a slug such as sales' }) @MaxLength(32)
  department: string;

  @ApiProperty({ example: 'waiting-time' }) @IsString() @Matches(SLUG, { message: 'category must be a slug such as waiting-time' }) @MaxLength(48)
  category: string;

  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS, { message: `channel must be one of ${CHANNELS.join(', ')}` })
  channel: Channel;

  @ApiProperty({ enum: SEVERITIES }) @IsIn(SEVERITIES, { message: `severity must be one of ${SEVERITIES.join(', ')}` })
  severity: Severity;

  @ApiPropertyOptional({ example: '2026-11-20T09:25:00+01:00', description: 'when the customer complained; defaults to now; not in the future' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'receivedAt must be an ISO 8601 date-time' })
  receivedAt?: string;

  @ApiProperty({ type: CustomerInputDto }) @IsDefined() @IsObject() @ValidateNested() @Type(() => CustomerInputDto)
  customer: CustomerInputDto;

  @ApiPropertyOptional({ type: VehicleInputDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => VehicleInputDto)
  vehicle?: VehicleInputDto;

  @ApiProperty({ description: "the customer's account in their own words" }) @IsString() @Length(1, 10_000)
  account: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000)
  desiredOutcome?: string;

  @ApiPropertyOptional({ type: SaleAtRiskDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => SaleAtRiskDto)
  saleAtRisk?: SaleAtRiskDto;

  @ApiPropertyOptional({ type: OnTheSpotDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => OnTheSpotDto)
  onTheSpot?: OnTheSpotDto;
}
