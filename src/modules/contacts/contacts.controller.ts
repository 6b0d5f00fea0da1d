import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { csvLine, startCsv } from '../../common/http/csv.js';
import { ApiBearerAuth, ApiCookieAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { DealersService } from '../dealers/dealers.service.js';
import { CompleteContactDto, ContactCadenceDto, FiguresQuery, ListContactsQuery } from './contact.dto.js';
import { ContactsService } from './contacts.service.js';
import { ApiAnswer, ApiCsvAnswer, ApiError, ApiErrors, ApiSummary } from '../../common/openapi/api-docs.decorators.js';
import { CONTACTS_ANSWERS } from './contacts.answers.js';

@ApiTags('contacts')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  /** The loyalty journey's contacts in scope, soonest first: scheduled (not yet due), due (today or earlier, within two business days' grace), overdue, done. */
  @ApiSummary('The loyalty journey\'s contacts in scope, soonest first: scheduled (not yet due), due (today or earlier, within two business days\' grace), overdue, done')
  @ApiAnswer(200, CONTACTS_ANSWERS.list, '[ { id, ticketRef, customer, kind, purpose, dueAt, status, attempts, \u2026 } ]')
  @ApiErrors(401, 403)
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListContactsQuery) {
    return this.contacts.list(actor, query);
  }

  /** Loyalty kept at 11 months, contacts done on time, contacts overdue: for a dealer, or every dealer in scope. */
  @ApiSummary('Loyalty kept at 11 months, contacts done on time, contacts overdue: for a dealer, or every dealer in scope')
  @ApiAnswer(200, CONTACTS_ANSWERS.figures, '{ loyaltyKept, lastCallsAnswered, stillCustomers, done, doneOnTime, onTimeShare, overdue }')
  @ApiErrors(401, 403)
  @Get('figures')
  @ApiError(404, 'No such dealer in your scope')
  figures(@CurrentActor() actor: Actor, @Query() query: FiguresQuery) {
    return this.contacts.figures(actor, query.dealerId);
  }

  /** Records a call: reached, no-answer (offered again the next business day, twice at most) or new-issue (opens a ticket through intake). */
  @ApiSummary('Records a call: reached, no-answer (offered again the next business day, twice at most) or new-issue (opens a ticket through intake)')
  @ApiAnswer(200, CONTACTS_ANSWERS.complete, 'The contact as now recorded, with ticketRef (and newTicketRef for a new issue)')
  @ApiErrors(401, 403)
  @Post(':id/complete')
  @HttpCode(200)
  @ApiError(400, 'A field is missing or wrong (stillCustomer on the last call, newIssue for new-issue)')
  @ApiError(404, 'No such contact in your scope')
  @ApiError(422, 'A message, or a contact already done')
  complete(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CompleteContactDto) {
    return this.contacts.complete(actor, id, dto);
  }
}

@ApiTags('contacts')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/dealers')
export class ContactCadenceController {
  constructor(private readonly dealers: DealersService) {}

  @ApiSummary('A dealer\'s contact cadence')
  @ApiAnswer(200, CONTACTS_ANSWERS.cadence, '{ dealerId, steps: [ { afterBusinessDays | afterMonths, kind, department, purpose } ], isDefault }')
  @ApiErrors(401, 403)
  @Get(':id/contact-cadence')
  @ApiError(404, 'No such dealer in your scope')
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.dealers.contactCadenceFor(actor, id);
  }

  @ApiSummary('Replace a dealer\'s contact cadence')
  @ApiAnswer(200, CONTACTS_ANSWERS.cadence, 'The cadence as stored; journeys already scheduled keep their contacts')
  @ApiErrors(401, 403, 404, 422)
  @Put(':id/contact-cadence')
  @Roles('admin')
  @ApiError(400, 'Every wrong field named (each step: exactly one of afterBusinessDays and afterMonths, kind call or message, a department of the dealer, a purpose)')
  put(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ContactCadenceDto) {
    return this.dealers.setContactCadence(actor, id, dto.steps);
  }
}

@ApiTags('contacts')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/exports')
export class ContactsExportController {
  constructor(private readonly contacts: ContactsService) {}

  /** The journey's contacts in scope as CSV, with the filters of GET /api/contacts (UTF-8 with BOM; formulas neutralised). */
  @ApiSummary('The journey\'s contacts in scope as CSV, with the filters of GET /api/contacts (UTF-8 with BOM; formulas neutralised)')
  @ApiCsvAnswer()
  @ApiErrors(401, 403)
  @Get('contacts.csv')
  @ApiProduces('text/csv')
  async csv(@CurrentActor() actor: Actor, @Query() query: ListContactsQuery, @Res() res: Response) {
    const rows = await this.contacts.list(actor, query);
    startCsv(res, 'contacts.csv');
    res.write(csvLine(['id', 'ticketRef', 'dealerId', 'department', 'customer', 'kind', 'purpose', 'dueAt', 'status', 'paused', 'attempts', 'outcome', 'stillCustomer', 'doneAt', 'newTicketRef', 'note']));
    for (const c of rows) res.write(csvLine([c.id, c.ticketRef, c.dealerId, c.department, c.customer.name, c.kind, c.purpose, c.dueAt, c.status, c.paused, c.attempts, c.outcome, c.stillCustomer, c.doneAt, c.newTicketRef, c.note]));
    res.end();
  }
}
