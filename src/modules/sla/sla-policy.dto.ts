import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';

const minutes = { message: '$property must be a whole number of business minutes from 1 to 100000' };

export class SlaTargetsDto {
  @ApiProperty({ example: 240 }) @IsInt(minutes) @Min(1, minutes) @Max(100_000, minutes) listen: number;
  @ApiProperty({ example: 480 }) @IsInt(minutes) @Min(1, minutes) @Max(100_000, minutes) apologise: number;
  @ApiProperty({ example: 1440 }) @IsInt(minutes) @Min(1, minutes) @Max(100_000, minutes) fix: number;
  @ApiProperty({ example: 4800 }) @IsInt(minutes) @Min(1, minutes) @Max(100_000, minutes) resolve: number;
}

export class PutSlaPolicyDto {
  @ApiProperty({ type: SlaTargetsDto }) @IsObject() @ValidateNested() @Type(() => SlaTargetsDto)
  targets: SlaTargetsDto;

  @ApiPropertyOptional({ example: 0.75, description: 'share of the target after which the assignee is warned' })
  @IsOptional() @IsNumber({ maxDecimalPlaces: 3 }) @Min(0.1) @Max(0.99)
  warningThreshold?: number;
}
