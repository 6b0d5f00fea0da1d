import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Notification } from './notification.entity.js';
import { insertRows } from '../../common/database/insert-rows.js';

export interface Recipient {
  email: string;
  name: string | null;
  language: string;
}

/** Writes notifications into the outbox, inside the caller's transaction: they exist exactly when their cause does. */
@Injectable()
export class OutboxService {
  /** `notBefore` holds a mail back until then (a follow-up request two business days on). */
  async enqueue(m: EntityManager, now: Date, to: Recipient[], template: string, data: Record<string, unknown>, ticketId: string | null, notBefore?: Date): Promise<number> {
    if (!to.length) return 0;
    await insertRows(
      m,
      Notification,
      to.map((r) => ({
        id: randomUUID(), channel: 'email' as const, recipientEmail: r.email, recipientName: r.name, language: r.language, template,
        data: { ...data, recipientName: r.name ?? r.email }, state: 'pending' as const, attempts: 0, nextAttemptAt: notBefore ?? now, lockedUntil: null,
        lastError: null, ticketId, createdAt: now, sentAt: null,
      })) as never,
    );
    return to.length;
  }
}
