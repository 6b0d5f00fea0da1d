import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { LowerCode } from '../../common/http/codes.js';
import { LANGUAGES, SLUG } from '../dealers/dealer-values.js';
import { API_KEY_SCOPES, ROLES, type ApiKeyScope, type Role } from './roles.js';

export class LoginDto {
  @ApiProperty({ example: 'reception.nl@demo.test' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'demo-password' })
  @IsString()
  @Length(1, 200)
  password: string;
}

export class CreateUserDto {
  @ApiProperty() @IsString() @Length(1, 200)
  name: string;

  @ApiProperty() @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10 }) @IsString() @MinLength(10, { message: 'password must be at least 10 characters' }) @MaxLength(200)
  password: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiProperty({ type: String, nullable: true, description: 'null for importer-wide users' })
  @ValidateIf((o) => o.dealerId !== null)
  @IsUUID('all', { message: 'dealerId must be a dealer id or null' })
  dealerId: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'sales' })
  @IsOptional() @Matches(SLUG, { message: 'department must be a slug such as sales' })
  department?: string | null;

  @ApiPropertyOptional({ enum: LANGUAGES, description: "the language of the user's mails; defaults to their dealer's, en without one" })
  @IsOptional() @LowerCode() @IsIn(LANGUAGES, { message: `language must be one of ${LANGUAGES.join(', ')}` })
  language?: string;
}

export class CreateApiKeyDto {
  @ApiProperty() @IsUUID('all', { message: 'userId must be a user id' })
  userId: string;

  @ApiProperty({ example: 'survey-provider' }) @IsString() @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ enum: API_KEY_SCOPES, isArray: true, description: 'survey-provider: may deliver survey responses (webhook, CSV import) whatever the user\'s role' })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsIn(API_KEY_SCOPES, { each: true, message: `scopes must each be one of ${API_KEY_SCOPES.join(', ')}` })
  scopes?: ApiKeyScope[];
}

export class MeDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ nullable: true, type: String }) dealerId: string | null;
}

/** An admin's change to an account; fields left out stay as they are. */
export class UpdateUserDto {
  @ApiPropertyOptional() @ValidateIf((o) => o.name !== undefined) @Length(1, 200) @IsString({ message: 'name must be a string' })
  name?: string;

  @ApiPropertyOptional({ enum: ROLES }) @ValidateIf((o) => o.role !== undefined) @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null for importer-wide users' })
  @ValidateIf((o) => o.dealerId !== undefined && o.dealerId !== null)
  @IsUUID('all', { message: 'dealerId must be a dealer id or null' })
  dealerId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'sales' })
  @ValidateIf((o) => o.department !== undefined && o.department !== null)
  @Matches(SLUG, { message: 'department must be a slug such as sales' }) @MaxLength(32) @IsString({ message: 'department must be a slug such as sales' })
  department?: string | null;

  @ApiPropertyOptional({ enum: LANGUAGES, description: "the language of the user's mails" })
  @ValidateIf((o) => o.language !== undefined) @LowerCode() @IsIn(LANGUAGES, { message: `language must be one of ${LANGUAGES.join(', ')}` })
  language?: string;

  @ApiPropertyOptional({ description: 'false ends the user\'s sessions and revokes their API keys at once' })
  @ValidateIf((o) => o.active !== undefined) @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

/** An admin's one-time password: the user must change it at the next sign-in. */
export class SetPasswordDto {
  @ApiProperty({ minLength: 12 }) @MaxLength(200) @IsString({ message: 'password must be a string' })
  password: string;
}

/** The user's own choice of the language their mails come in. */
export class ChangeLanguageDto {
  @ApiProperty({ enum: LANGUAGES }) @LowerCode() @IsIn(LANGUAGES, { message: `language must be one of ${LANGUAGES.join(', ')}` })
  language: string;
}

export class ChangePasswordDto {
  @ApiProperty() @Length(1, 200) @IsString({ message: 'currentPassword must be a string' })
  currentPassword: string;

  @ApiProperty({ minLength: 12, description: 'at least 12 characters, not one of the most common passwords' })
  @MaxLength(200) @IsString({ message: 'newPassword must be a string' })
  newPassword: string;
}
