import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { validated } from '../../../common/http/validation.js';
import { CurrentActor, type AuthenticatedRequest } from '../../users/auth.decorators.js';
import type { Actor } from '../../users/roles.js';
import { CustomerContactService } from '../customers/customer-contact.service.js';
import { TicketPageService } from './ticket-page.service.js';
import { UpdateCustomerDto } from '../customers/update-customer.dto.js';

type Form = Record<string, string | undefined>;

/**
 * The ticket page's contact form. A field left out is left as it is; an e-mail or phone
 * emptied is removed (one of them must remain), as `null` does in the API.
 */
@ApiExcludeController()
@Controller('tickets/:ref')
export class CustomerContactPageController {
  constructor(
    private readonly contacts: CustomerContactService,
    private readonly page: TicketPageService,
  ) {}

  @Post('customer')
  update(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('ref') ref: string, @Body() form: Form) {
    const orNull = (v: string | undefined) => (v === undefined ? undefined : v.trim() || null);
    const plain = { name: form.name, email: orNull(form.email), phone: orNull(form.phone) };
    return this.page.act(a, req, res, ref, async () => this.contacts.update(a, ref, await validated(UpdateCustomerDto, plain)), { form: 'customer', fields: { 'customer.email.conflict': 'email' } });
  }
}
