import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../users/auth.decorators.js';
import type { Actor } from '../../users/roles.js';
import { CustomerContactService } from './customer-contact.service.js';
import { UpdateCustomerDto } from './update-customer.dto.js';
import { ApiAnswer, ApiError, ApiErrors, ApiSummary } from '../../../common/openapi/api-docs.decorators.js';
import { TICKETS_ANSWERS } from '../tickets.answers.js';

@ApiTags('tickets')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/tickets')
export class CustomerContactController {
  constructor(private readonly contacts: CustomerContactService) {}

  /** Correct the customer's name, e-mail or phone; recorded on the ticket's timeline, old and new. */
  @ApiSummary('Correct the customer\'s name, e-mail or phone; recorded on the ticket\'s timeline, old and new')
  @ApiAnswer(200, TICKETS_ANSWERS.ticket, 'The ticket, with the customer as now recorded')
  @ApiErrors(400, 401, 403, 422)
  @Patch(':ref/customer')
  @ApiError(404, 'No such ticket in your scope')
  @ApiError(409, 'Another customer of the dealer has this e-mail address')
  update(@CurrentActor() actor: Actor, @Param('ref') ref: string, @Body() dto: UpdateCustomerDto) {
    return this.contacts.update(actor, ref, dto);
  }
}
