import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';

export class CustomerMessageDto {
  @ApiProperty() @IsString() @Length(1, 5000)
  body: string;
}

export class RatingDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt({ message: 'score must be a whole number from 1 to 5' }) @Min(1) @Max(5)
  score: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  comment?: string;
}

export class CustomerReopenDto {
  @ApiProperty() @IsString() @Length(1, 2000)
  reason: string;
}
