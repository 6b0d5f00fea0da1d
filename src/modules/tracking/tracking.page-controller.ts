import { Body, Controller, Get, Header, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '../../common/errors/domain-error.js';
import { submitForm } from '../../common/http/form-page.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { validated } from '../../common/http/validation.js';
import { CUSTOMER_LANGUAGES, customerLanguage, translateTree } from '../../common/i18n/translator.js';
import { acceptedLanguage } from './customer-language.js';
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
  async show(@Param('token') token: string, @Query('lang') lang: string | undefined, @Query('sent') sent: string | undefined, @Req() req: Request, @Res() res: Response) {
    try {
      res.render('tracking/show', await this.model(token, [], lang, sent === 'message'));
    } catch (e) {
      if (!unknownLink(e)) throw e;
      notFound(req, res, lang);
    }
  }

  @Post('messages')
  @RateLimit('tracking')
  message(@Param('token') token: string, @Body() form: Form, @Res() res: Response) {
    return this.act(token, res, async () => this.tracking.postMessage(token, (await validated(CustomerMessageDto, { body: form.body })).body), 'message', 'message');
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

  private async model(token: string, errors: string[], lang?: string, sent = false) {
    const view = await this.tracking.view(token, lang);
    const languages = CUSTOMER_LANGUAGES.map((code) => ({ code, current: code === view.language }));
    // Newest first on the page, so a message just sent is the first thing under its confirmation.
    const messages = [...view.messages].reverse();
    return { title: (view.labels.page as { title: string }).title, layout: 'layouts/public', lang: view.language, noindex: true, token, errors, view, languages, messages, sent };
  }

  /**
   * Post-redirect-get. A message returns to the message list (#messages) with its
   * confirmation, not to the top of the page; the rest to the page. A refusal shows the
   * page again with the message under its field; an unknown link, the not-found page.
   */
  private async act(token: string, res: Response, work: () => Promise<unknown>, form: string, done?: 'message'): Promise<void> {
    res.setHeader('Referrer-Policy', 'no-referrer');
    const lang = typeof res.req.query.lang === 'string' ? res.req.query.lang : undefined;
    try {
      await submitForm(
        res,
        async () => {
          await work();
          const query = new URLSearchParams();
          if (lang) query.set('lang', lang);
          if (done) query.set('sent', done);
          const search = query.size ? `?${query}` : '';
          res.redirect(303, `/track/${encodeURIComponent(token)}${search}${done ? '#messages' : ''}`);
        },
        // In the customer's language, as the page is.
        { view: 'tracking/show', model: () => this.model(token, [], lang), language: (m) => m.lang, form, notFoundToErrorPage: true },
      );
    } catch (e) {
      if (unknownLink(e)) return notFound(res.req, res, lang);
      throw e;
    }
  }
}

const unknownLink = (e: unknown) => e instanceof DomainError && e.code === 'tracking.not-found';

/**
 * An unknown, revoked or lapsed link: a page in the language asked for (the switch's ?lang,
 * else the browser's Accept-Language), with no way into the staff side.
 */
function notFound(req: Request, res: Response, lang: string | undefined): void {
  const language = customerLanguage(lang) === lang ? (lang as string) : acceptedLanguage(req.headers['accept-language']);
  const words = translateTree(language, 'notFound') as { title: string; text: string; help: string };
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Content-Language', language);
  res.status(404).render('tracking/not-found', { title: words.title, layout: 'layouts/public', lang: language, noindex: true, words });
}
