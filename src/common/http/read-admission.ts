import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { RetryLaterError } from '../errors/retry-later.error.js';
import { ReadGate } from './read-gate.js';

/** An admitted read that has not answered after this long gives its slot back (it waits on something, it is not using the thread). */
const MAX_HOLD_MS = 1000;

/** Probes and static files are never held: a health check must answer under load, and a stylesheet costs nothing. */
const UNGATED = /^\/(health|static)(\/|$)/i;

/** Reads go through the gate; writes (and OPTIONS) never wait behind them. */
export function isGatedRead(method: string, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && !UNGATED.test(path);
}

/**
 * The process's read gate (src/common/http/read-gate.ts) as the first middleware after the
 * security headers: a waiting read has cost nothing yet (no cookie, session or body parsed), and
 * a refusal still carries the headers. A write skips it and so never queues behind reads.
 */
@Injectable()
export class ReadAdmission {
  readonly gate: ReadGate;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.gate = new ReadGate({ ...config.readAdmission, maxHoldMs: MAX_HOLD_MS });
  }

  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (!isGatedRead(req.method, req.path)) return next();
    let withdraw: (() => void) | undefined;
    withdraw = this.gate.enter(
      (release) => {
        if (withdraw) res.off('close', withdraw);
        res.once('close', release);
        next();
      },
      (why) => {
        if (withdraw) res.off('close', withdraw);
        next(new RetryLaterError('reads.unavailable', why === 'full' ? 'Too many reads waiting; try again in a moment' : 'Waited too long for a turn; try again in a moment', 1));
      },
    );
    // A client that gives up while its read waits leaves the queue.
    if (withdraw) res.once('close', withdraw);
  };
}
