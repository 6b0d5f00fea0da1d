import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error.js';
import { statusForCode } from './error-codes.js';
import { errorBody, type HttpErrorBody } from './http-error-body.js';
import { RetryLaterError } from './retry-later.error.js';

/**
 * The one place errors become responses: `{ statusCode, error, message }` for the API,
 * an error page for browsers. No stack trace ever reaches a user.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (res.headersSent) return;
    if (exception instanceof RetryLaterError) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(exception.retryAfterSeconds))));
    if (wantsHtml(req)) {
      if (body.statusCode === 401) return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      if (exception instanceof DomainError && exception.code === 'password.change-required') return res.redirect(303, '/account');
      res.status(body.statusCode).render('errors/error', {
        title: body.error,
        statusCode: body.statusCode,
        messages: Array.isArray(body.message) ? body.message : [body.message],
      });
      return;
    }
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): HttpErrorBody {
    if (exception instanceof DomainError) {
      const status = statusForCode(exception.code);
      return { ...errorBody(status, exception.details ?? exception.message), code: exception.code } as HttpErrorBody;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'object' && response !== null && 'message' in response
          ? (response as { message: string | string[] }).message
          : exception.message;
      return errorBody(status, message);
    }
    if (exception instanceof QueryFailedError && /unique|duplicate/i.test(exception.message)) {
      return errorBody(409, 'That record already exists');
    }
    // Body-parser and similar middleware errors carry their own 4xx status.
    const status = (exception as { status?: number; statusCode?: number })?.status ?? (exception as { statusCode?: number })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const type = (exception as { type?: string }).type;
      const message = type === 'entity.parse.failed' ? 'The request body is not valid JSON' : type === 'entity.too.large' ? 'The request body is too large' : (exception as Error).message;
      return errorBody(status, message);
    }
    return errorBody(500, 'Something went wrong on our side; it has been logged.');
  }
}

function wantsHtml(req: Request): boolean {
  if (req.path.startsWith('/api') || req.path.startsWith('/health')) return false;
  return req.accepts(['json', 'html']) === 'html';
}
