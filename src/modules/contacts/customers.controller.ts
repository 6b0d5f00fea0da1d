import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { IsDefined, IsEmail, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CurrentActor } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { CustomerHistoryService } from './customer-history.service.js';
import { ApiAnswer, ApiError, ApiErrors, ApiSummary } from '../../common/openapi/api-docs.decorators.js';
import { CUSTOMERS_ANSWERS } from './customers.answers.js';

export class CustomerLookupQuery {
  @ApiProperty() @IsUUID('all', { message: 'dealerId must be a dealer id' })
  dealerId: string;

  // One of the two: the e-mail when typed, else the phone.
  @ApiPropertyOptional() @ValidateIf((o: CustomerLookupQuery) => o.email !== undefined || o.phone === undefined)
  @IsDefined({ message: 'email or phone is required' }) @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254)
  email?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40)
  phone?: string;
}

@ApiTags('customers')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/customers')
export class CustomersController {
  constructor(private readonly history: CustomerHistoryService) {}

  /** For intake, as the e-mail or phone is typed: the dealer's known customer and their tickets counted. */
  @ApiSummary('For intake, as the e-mail or phone is typed: the dealer\'s known customer with their tickets counted and a link to their page')
  @ApiAnswer(200, CUSTOMERS_ANSWERS.lookup, '{ customerId, name, tickets, open, url }')
  @ApiErrors(400, 401, 403)
  @ApiError(404, 'No such customer at the dealer, or not your dealer (the same answer)')
  @Get('lookup')
  lookup(@CurrentActor() actor: Actor, @Query() q: CustomerLookupQuery) {
    return this.history.lookup(actor, q.dealerId, q);
  }

  @ApiSummary('A customer with their tickets, contacts and survey answers')
  @ApiAnswer(200, CUSTOMERS_ANSWERS.get, '{ customer, tickets, contacts, surveyAnswers, saleAtRisk }')
  @ApiErrors(401, 403)
  @Get(':id')
  @ApiError(404, 'No such customer in your scope')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.history.history(actor, id);
  }
}
