import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { LessThan, Not, Repository, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Clock } from '../../common/clock/clock.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { hashToken, randomToken } from '../../common/security/tokens.js';
import { at, flag, rawRows } from '../../common/database/row-values.js';
import { keepPrepared } from '../../database/sqlite-connections.js';
import { Session } from './session.entity.js';
import type { User } from './user.entity.js';
import type { Role } from './roles.js';

export interface OpenedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** What a request needs of its session and user. */
export interface ResolvedSession {
  user: Pick<User, 'id' | 'name' | 'role' | 'dealerId' | 'department' | 'language' | 'mustChangePassword'>;
  session: Pick<Session, 'id' | 'csrfToken'>;
}

/** The session by its token's hash (unique index) with its user, left-joined so an expired session of a gone user is still cleaned up. */
const RESOLVE_SQL = keepPrepared(`SELECT s."id", s."csrfToken", s."lastSeenAt", s."expiresAt",
  u."id" AS "u_id", u."name" AS "u_name", u."role" AS "u_role", u."dealerId" AS "u_dealerId", u."department" AS "u_department",
  u."language" AS "u_language", u."active" AS "u_active", u."mustChangePassword" AS "u_mustChangePassword"
FROM sessions s LEFT JOIN users u ON u."id" = s."userId" WHERE s."tokenHash" = ?`);

/** Server-side sessions: the cookie holds a random token, the table holds its hash. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
  ) {}

  /** A new session with a new id, every time someone signs in. */
  async open(userId: string, replacing?: string): Promise<OpenedSession> {
    const now = this.clock.now();
    const token = randomToken();
    const csrfToken = randomToken();
    const expiresAt = new Date(now.getTime() + this.config.session.absoluteHours * 3_600_000);
    await this.uow.run(async (m) => {
      if (replacing) await m.delete(Session, { tokenHash: hashToken(replacing) });
      await m.delete(Session, { userId, expiresAt: LessThan(now) });
      await m.insert(Session, { id: randomUUID(), tokenHash: hashToken(token), userId, csrfToken, createdAt: now, lastSeenAt: now, expiresAt });
    });
    return { token, csrfToken, expiresAt };
  }

  /**
   * The session's user and CSRF token, or null when unknown, idle too long, past its end or
   * its user is disabled. Every signed-in request asks: one statement for the session and
   * its user, raw row to the few fields a request needs (no entities built). Nothing is kept
   * in memory, so a sign-out or a disabled user is refused at once by every worker.
   */
  async resolve(token: string): Promise<ResolvedSession | null> {
    const [row] = await rawRows<Record<string, unknown>>(this.sessions.manager, RESOLVE_SQL, [hashToken(token)]);
    if (!row) return null;
    const now = this.clock.now();
    const lastSeenAt = at(row.lastSeenAt as string)!;
    const idleLimit = this.config.session.idleMinutes * 60_000;
    if (at(row.expiresAt as string)! <= now || now.getTime() - lastSeenAt.getTime() > idleLimit) {
      await this.uow.run((m) => m.delete(Session, { id: row.id as string }));
      return null;
    }
    if (row.u_id === null || row.u_id === undefined || !flag(row.u_active as number)) return null;
    // Sliding idle timeout; written at most once a minute to spare the database.
    if (now.getTime() - lastSeenAt.getTime() > 60_000) {
      await this.uow.run((m) => m.update(Session, { id: row.id as string }, { lastSeenAt: now }));
    }
    return {
      user: {
        id: row.u_id as string,
        name: row.u_name as string,
        role: row.u_role as Role,
        dealerId: row.u_dealerId as string | null,
        department: row.u_department as string | null,
        language: row.u_language as string,
        mustChangePassword: flag(row.u_mustChangePassword as number)!,
      },
      session: { id: row.id as string, csrfToken: row.csrfToken as string },
    };
  }

  /** Ends every session of a user (deactivated, new scope, password reset). Inside a transaction, pass its manager. */
  async endAll(userId: string, m: EntityManager): Promise<number> {
    return (await m.delete(Session, { userId })).affected ?? 0;
  }

  /** Ends every session of a user but the one they are using. */
  async endOthers(userId: string, keepSessionId: string, m: EntityManager): Promise<number> {
    return (await m.delete(Session, { userId, id: Not(keepSessionId) })).affected ?? 0;
  }

  async close(token: string): Promise<void> {
    await this.uow.run((m) => m.delete(Session, { tokenHash: hashToken(token) }));
  }
}
