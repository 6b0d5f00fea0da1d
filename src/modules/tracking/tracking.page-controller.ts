import { Body, Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { submitForm } from '../../common/http/form-page.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { validated } from '../../common/http/validation.js';
import { CUSTOMER_LANGUAGES } from '../../common/i18n/translator.js';
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
  async show(@Param('token') token: string, @Query('lang') lang: string | undefined, @Res() res: Response) {
    res.render('tracking/show', await this.model(token, [], lang));
  }

  @Post('messages')
  @RateLimit('tracking')
  message(@Param('token') token: string, @Body() form: Form, @Res() res: Response) {
    return this.act(token, res, async () => this.tracking.postMessage(token, (await validated(CustomerMessageDto, { body: form.body })).body), 'message');
  }

  @Post('rating')
  @RateLimit('tracking')
  rate(@Param('token') token: string, @Body() form: Form, @Res() res: Response) {
    const plain = { score: form.score ? Number(form.score) : undefined, comment: form.comment || undefined };
    return this.act(token, res, async () => {
      const dto = await validated(RatingDto, plain);
      return this.tracking.rate(token, dto.score, dto.comment);
    }, 'rating');
  }

  @Post('reopen')
  @RateLimit('tracking')
  reopen(@Param('token') token: string, @Body() form: Form, @Res() res: Response) {
    return this.act(token, res, async () => this.tracking.reopen(token, (await validated(CustomerReopenDto, { reason: form.reason })).reason), 'reopen');
  }

  private async model(token: string, errors: string[], lang?: string) {
    const view = await this.tracking.view(token, lang);
    const languages = CUSTOMER_LANGUAGES.map((code) => ({ code, current: code === view.language }));
    return { title: (view.labels.page as { title: string }).title, layout: 'layouts/public', lang: view.language, noindex: true, token, errors, view, languages };
  }

  private async act(token: string, res: Response, work: () => Promise<unknown>, form: string): Promise<void> {
    res.setHeader('Referrer-Policy', 'no-referrer');
    const lang = typeof res.req.query.lang === 'string' ? res.req.query.lang : undefined;
    await submitForm(
      res,
      async () => {
        await work();
        res.redirect(303, `/track/${encodeURIComponent(token)}${lang ? `?lang=${encodeURIComponent(lang)}` : ''}`);
      },
      // In the customer's language, as the page is.
      { view: 'tracking/show', model: () => this.model(token, [], lang), language: (m) => m.lang, form, notFoundToErrorPage: true },
    );
  }
}
