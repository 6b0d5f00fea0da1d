import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCookieAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../users/auth.decorators.js';
import type { Actor } from '../../users/roles.js';
import { CustomerContactService } from './customer-contact.service.js';
import { UpdateCustomerDto } from './update-customer.dto.js';
import { ApiErrors, ApiSummary } from '../../../common/openapi/api-docs.decorators.js';

@ApiTags('tickets')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/tickets')
export class CustomerContactController {
  constructor(private readonly contacts: CustomerContactService) {}

  /** Correct the customer's name, e-mail or phone; recorded on the ticket's timeline, old and new. */
  @ApiSummary('Correct the customer\'s name, e-mail or phone; recorded on the ticket\'s timeline, old and new')
  @ApiErrors(400, 401, 403, 404, 422)
  @Patch(':ref/customer')
  @ApiOkResponse({ description: 'The ticket, with the customer as now recorded' })
  @ApiNotFoundResponse({ description: 'No such ticket in your scope' })
  @ApiConflictResponse({ description: 'Another customer of the dealer has this e-mail address' })
  update(@CurrentActor() actor: Actor, @Param('ref') ref: string, @Body() dto: UpdateCustomerDto) {
    return this.contacts.update(actor, ref, dto);
  }
}
