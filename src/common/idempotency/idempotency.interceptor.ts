import { applyDecorators, Injectable, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { catchError, concatMap, from, of, throwError, type Observable } from 'rxjs';
import { DomainError } from '../errors/domain-error.js';
import { parseIdempotencyKey, requestHash } from './idempotency-rules.js';
import { IdempotencyService } from './idempotency.service.js';

/** The caller as the AuthGuard resolved it (common knows no module: only the shape it needs). */
type CallerRequest = Request & { actor?: { id: string; via: string } };

/**
 * Honours an `Idempotency-Key` header: the first request under a key runs and its answer
 * is kept; the same request again gets that answer (same status and body, header
 * `Idempotent-Replayed: true`) without running; another request under the key is 422.
 * Only a successful answer is kept: a refused request wrote nothing, so it frees the key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly idempotency: IdempotencyService) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<CallerRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const { key, problem } = parseIdempotencyKey(req.get('idempotency-key'));
    if (problem) throw new DomainError('idempotency-key.invalid', problem, [problem]);
    if (!key || !req.actor) return next.handle();
    // Keys are per caller: the user, whether signed in or acting through one of their API keys.
    const caller = `user:${req.actor.id}`;
    const hash = requestHash(req.method, (req.route as { path?: string } | undefined)?.path ?? req.path, req.params, req.body);
    const settled = await this.idempotency.settle(caller, key, hash);
    if (settled.kind === 'replay') {
      res.status(settled.status).setHeader('Idempotent-Replayed', 'true');
      return of(settled.body);
    }
    return next.handle().pipe(
      concatMap(async (body) => {
        await this.idempotency.complete(caller, key, res.statusCode, body);
        return body;
      }),
      catchError((e: unknown) => from(this.idempotency.release(caller, key)).pipe(concatMap(() => throwError(() => e)))),
    );
  }
}

/** On a create route: a repeated request with the same `Idempotency-Key` gets the first answer. */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Up to 255 visible ASCII characters (a UUID, say). The same key and body within 24 h get the first answer again (same status and body, `Idempotent-Replayed: true`) and create nothing; the same key with another body is 422; a repeat sent while the first is still being processed waits for its answer.',
    }),
    ApiConflictResponse({ description: 'The first request with this Idempotency-Key has not finished after 20 s' }),
    ApiUnprocessableEntityResponse({ description: 'The Idempotency-Key was already used with a different request (code idempotency-key.invalid-state), or the request itself is refused' }),
  );
