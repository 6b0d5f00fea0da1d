import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { seal, unseal } from '../../common/security/sealed.js';
import { hashToken } from '../../common/security/tokens.js';
import { Session } from './session.entity.js';

/** A message kept for one display after a redirect (post-redirect-get). */
export interface FlashEntry {
  kind: string;
  [field: string]: string;
}

/** A message not shown within this time is dropped. */
const KEEP_MS = 15 * 60_000;
/** At most this many wait at once (a user logging tickets in several tabs). */
const MAX_ENTRIES = 8;
const PURPOSE = 'flash';

type Stored = { at: number; entry: FlashEntry };

/**
 * One-time messages of a browser session, kept server-side in the session row so that any
 * app process can show them, and sealed with the cookie's token (which only the browser
 * holds), so the database never holds a readable tracking link or API key.
 */
@Injectable()
export class SessionFlashService {
  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** Keeps a message for the session of this cookie token; false when there is none (a caller with an API key). */
  async put(token: string | undefined, entry: FlashEntry): Promise<boolean> {
    const at = this.clock.now().getTime();
    const done = await this.change(token, (entries) => ({ entries: [...entries, { at, entry }].slice(-MAX_ENTRIES), result: true }));
    return done === true;
  }

  /** The first kept message that matches, removed so that it shows once; null when there is none (any more). */
  async take(token: string | undefined, match: (entry: FlashEntry) => boolean): Promise<FlashEntry | null> {
    const found = await this.change(token, (entries) => {
      const i = entries.findIndex((e) => match(e.entry));
      if (i < 0) return { entries, result: null };
      return { entries: entries.filter((_, j) => j !== i), result: entries[i].entry };
    });
    return found ?? null;
  }

  /**
   * Reads the session's messages, changes them and writes them back only if nobody wrote
   * in between (a conditional update on the old value; tried again if someone did), so two
   * tabs showing their receipts at once each get their own message, exactly once.
   */
  private async change<T>(token: string | undefined, edit: (entries: Stored[]) => { entries: Stored[]; result: T }): Promise<T | null | undefined> {
    if (!token) return undefined;
    const tokenHash = hashToken(token);
    for (let attempt = 0; attempt < 5; attempt++) {
      const row = await this.sessions.findOne({ where: { tokenHash }, select: { id: true, flash: true } });
      if (!row) return undefined;
      const now = this.clock.now().getTime();
      const kept = row.flash ? parse(unseal(row.flash, token, PURPOSE)) : [];
      const live = kept.filter((e) => now - e.at < KEEP_MS);
      const { entries, result } = edit(live);
      if (entries === live && live.length === kept.length) return result;
      const flash = entries.length ? seal(JSON.stringify(entries), token, PURPOSE) : null;
      const written = await this.uow.run((m) =>
        m.createQueryBuilder().update(Session).set({ flash })
          .where(row.flash === null || row.flash === undefined ? 'id = :id AND flash IS NULL' : 'id = :id AND flash = :old', { id: row.id, old: row.flash })
          .execute(),
      );
      if (written.affected === 1) return result;
    }
    return undefined;
  }
}

function parse(json: string | null): Stored[] {
  if (!json) return [];
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? (value as Stored[]) : [];
}
