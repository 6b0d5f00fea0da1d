import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CurrentActor } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { CustomerHistoryService } from './customer-history.service.js';
import { ApiAnswer, ApiError, ApiErrors, ApiSummary } from '../../common/openapi/api-docs.decorators.js';
import { CUSTOMERS_ANSWERS } from './customers.answers.js';

export class ReturningCustomerQuery {
  @ApiProperty() @IsUUID('all', { message: 'dealerId must be a dealer id' })
  dealerId: string;

  @ApiPropertyOptional() @IsOptional() @IsEmail({}, { message: 'email must be an e-mail address' }) @MaxLength(254)
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

  /** For intake: the dealer's known customer with this e-mail or phone, and their tickets counted; null when none (or not your dealer). */
  @ApiSummary('For intake: the dealer\'s known customer with this e-mail or phone, and their tickets counted; null when none (or not your dealer)')
  @ApiAnswer(200, CUSTOMERS_ANSWERS.returning, '{ customerId, earlier, open } or null')
  @ApiErrors(401, 403)
  @Get('returning')
  returning(@CurrentActor() actor: Actor, @Query() q: ReturningCustomerQuery) {
    return this.history.returning(actor, q.dealerId, q).then((r) => r ?? { customerId: null, earlier: 0, open: 0 });
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
