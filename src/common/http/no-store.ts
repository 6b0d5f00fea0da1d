import type { NextFunction, Request, Response } from 'express';

/** Static assets (CSS, images) hold nothing of anyone's and may be cached. */
const CACHEABLE = /^\/static\//i;

/**
 * `Cache-Control: no-store` on every answer but the static files: staff pages and the API
 * show customers' names, phones and complaints, which must not stay in a shared computer's
 * browser cache or a proxy. Set first; a handler may still choose otherwise.
 */
export function noStore(req: Request, res: Response, next: NextFunction): void {
  if (!CACHEABLE.test(req.path)) res.setHeader('Cache-Control', 'no-store');
  next();
}
