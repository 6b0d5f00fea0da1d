import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { Notification } from './notification.entity.js';
import { insertPlainRows } from '../../common/database/insert-rows.js';

export interface Recipient {
  email: string;
  name: string | null;
  language: string;
}

/** One mail to write: its recipients, template and data, and the ticket it is about. */
export interface OutboxMail {
  to: Recipient[];
  template: string;
  data: Record<string, unknown>;
  ticketId: string | null;
  notBefore?: Date;
}

/** The outbox rows of one mail: one per recipient. */
function outboxRows(now: Date, mail: OutboxMail) {
  return mail.to.map((r) => ({
    id: randomUUID(), channel: 'email' as const, recipientEmail: r.email, recipientName: r.name, language: r.language, template: mail.template,
    data: { ...mail.data, recipientName: r.name ?? r.email }, state: 'pending' as const, attempts: 0, nextAttemptAt: mail.notBefore ?? now, lockedUntil: null,
    lastError: null, ticketId: mail.ticketId, createdAt: now, sentAt: null,
  }));
}

/** Writes notifications into the outbox, inside the caller's transaction: they exist exactly when their cause does. */
@Injectable()
export class OutboxService {
  constructor(@InjectRepository(Notification) private readonly notifications: Repository<Notification>) {}

  /**
   * Where a ticket's mail of this template went (or is going): the address of its first
   * one not cancelled, or null when none was sent (no address, no consent, or withdrawn).
   */
  async sentTo(ticketId: string, template: string): Promise<string | null> {
    const row = await this.notifications
      .createQueryBuilder('n')
      .select('n.recipientEmail', 'email')
      .where('n.ticketId = :ticketId AND n.template = :template AND n.state NOT IN (:...gone)', { ticketId, template, gone: ['cancelled', 'failed'] })
      .orderBy('n.createdAt', 'ASC')
      .limit(1)
      .getRawOne<{ email: string }>();
    return row?.email ?? null;
  }

  /** `notBefore` holds a mail back until then (a follow-up request two business days on). */
  async enqueue(m: EntityManager, now: Date, to: Recipient[], template: string, data: Record<string, unknown>, ticketId: string | null, notBefore?: Date): Promise<number> {
    if (!to.length) return 0;
    await insertPlainRows(m, Notification, outboxRows(now, { to, template, data, ticketId, notBefore }) as never);
    return to.length;
  }

  /** Many mails in a few multi-row INSERTs (the sweep's batch); the same rows `enqueue` writes for each. */
  async enqueueMany(m: EntityManager, now: Date, mails: OutboxMail[]): Promise<void> {
    const rows = mails.flatMap((mail) => outboxRows(now, mail));
    await insertPlainRows(m, Notification, rows as never);
  }

  /**
   * A customer's address was corrected: their mails about these tickets still waiting for
   * `from` go to the new address, or with none left are not sent.
   */
  async readdress(m: EntityManager, ticketIds: string[], from: string, to: { email: string; name: string } | null): Promise<void> {
    if (!ticketIds.length) return;
    await m
      .createQueryBuilder()
      .update(Notification)
      .set(to ? { recipientEmail: to.email, recipientName: to.name } : { state: 'cancelled' })
      .where(`state = 'pending' AND "recipientEmail" = :from AND template LIKE 'i18n:%'`, { from })
      .andWhere('"ticketId" IN (:...ticketIds)', { ticketIds })
      .execute();
  }
}
