import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { MoneyDto } from '../create-ticket.dto.js';
import { COMPENSATION_KINDS, type CompensationKind } from '../ticket-values.js';

export class ProposeCompensationDto {
  @ApiProperty({ enum: COMPENSATION_KINDS }) @IsIn(COMPENSATION_KINDS, { message: `kind must be one of ${COMPENSATION_KINDS.join(', ')}` })
  kind: CompensationKind;

  @ApiProperty({ type: MoneyDto }) @IsObject() @ValidateNested() @Type(() => MoneyDto)
  value: MoneyDto;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000)
  note?: string;
}

export class RejectCompensationDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 1000)
  reason?: string;
}
