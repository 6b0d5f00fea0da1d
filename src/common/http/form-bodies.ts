import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** The JSON API lives under /api (routing ignores case); everything else is a page, whose forms post form data. */
export function isPageRoute(path: string): boolean {
  return !/^\/api(\/|$)/i.test(path);
}

/**
 * A body sent to a page route must be a form. A JSON body there would reach form handlers
 * as nested objects and arrays they never expect (they read strings): refused with 400,
 * before any parser reads it.
 */
export function formBodiesOnly(req: Request, _res: Response, next: NextFunction): void {
  if (isPageRoute(req.path) && hasBody(req) && !FORM_TYPES.includes(mediaType(req))) {
    next(new BadRequestException(['body: this page takes application/x-www-form-urlencoded or multipart/form-data']));
    return;
  }
  next();
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function mediaType(req: Request): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}
