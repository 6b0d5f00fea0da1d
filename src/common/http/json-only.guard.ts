import { Injectable, UnsupportedMediaTypeException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * Takes the body as application/json only, before validation reads it: a page on another site
 * can post a form or text/plain without asking, but not JSON (that needs a CORS preflight,
 * which this app never grants). For routes that need no CSRF token, such as the API sign-in.
 */
@Injectable()
export class JsonOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.is('application/json') !== 'application/json') throw new UnsupportedMediaTypeException('Send the body as application/json');
    return true;
  }
}
