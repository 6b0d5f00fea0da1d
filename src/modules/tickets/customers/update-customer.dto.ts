import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';

/** Staff correcting the contact details of a ticket's customer; only the fields given change. */
export class UpdateCustomerDto {
  @ApiPropertyOptional({ example: 'Sanne de Vries' })
  @ValidateIf((o) => o.name !== undefined) @IsString() @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'sanne@example.nl', description: 'null removes it (a phone must remain)' })
  @IsOptional() @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '+31 6 1234 5678', description: 'null removes it (an e-mail must remain)' })
  @IsOptional() @Matches(/^\+?[0-9 ()-]{6,30}$/, { message: 'phone must be a phone number' })
  phone?: string | null;
}
