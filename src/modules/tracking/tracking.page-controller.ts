import { Body, Controller, Get, Header, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, statusForCode } from '../../common/errors/domain-error.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { validated } from '../../common/http/validation.js';
import { Public } from '../users/auth.decorators.js';
import { CustomerMessageDto, CustomerReopenDto, RatingDto } from './tracking.dto.js';
import { TrackingService } from './tracking.service.js';

type Form = Record<string, string | undefined>;

/** The customer's page: no account, no scripts; forms post back here and return to the page. */
@ApiExcludeController()
@Controller('track/:token')
@Public()
export class TrackingPageController {
  constructor(private readonly tracking: TrackingService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('X-Robots-Tag', 'noindex, nofollow')
  async show(@Param('token') token: string, @Res() res: Response) {
    res.render('tracking/show', await this.model(token, []));
  }

  @Post('messages')
  @RateLimit('tracking')
  message(@Param('token') token: string, @Body() form: Form, @Res() res: Response) {
    return this.act(token, res, async () => this.tracking.postMessage(token, (await validated(CustomerMessageDto, { body: form.body })).body));
  }

  @Post('rating')
  @RateLimit('tracking')
  rate(@Param('token') token: string, @Body() form: Form, @Res() res: Response) {
    const plain = { score: form.score ? Number(form.score) : undefined, comment: form.comment || undefined };
    return this.act(token, res, async () => {
      const dto = await validated(RatingDto, plain);
      return this.tracking.rate(token, dto.score, dto.comment);
    });
  }

  @Post('reopen')
  @RateLimit('tracking')
  reopen(@Param('token') token: string, @Body() form: Form, @Res() res: Response) {
    return this.act(token, res, async () => this.tracking.reopen(token, (await validated(CustomerReopenDto, { reason: form.reason })).reason));
  }

  private async model(token: string, errors: string[]) {
    return { title: 'Your case', layout: 'layouts/public', noindex: true, token, errors, view: await this.tracking.view(token) };
  }

  private async act(token: string, res: Response, work: () => Promise<unknown>): Promise<void> {
    res.setHeader('Referrer-Policy', 'no-referrer');
    try {
      await work();
      res.redirect(303, `/track/${encodeURIComponent(token)}`);
    } catch (e) {
      if (!(e instanceof DomainError) || statusForCode(e.code) === 404) throw e;
      res.status(statusForCode(e.code)).render('tracking/show', await this.model(token, e.details ?? [e.message]));
    }
  }
}

