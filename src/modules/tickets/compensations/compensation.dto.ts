import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';
import { OnTheSpotCompensationDto } from '../intake/create-ticket.dto.js';

/** The same fields as a compensation given on the spot at intake. */
export class ProposeCompensationDto extends OnTheSpotCompensationDto {}

export class RejectCompensationDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 1000)
  reason?: string;
}
