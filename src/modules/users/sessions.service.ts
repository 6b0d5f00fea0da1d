import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { LessThan, Not, Repository, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Clock } from '../../common/clock/clock.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { hashToken, randomToken } from '../../common/security/tokens.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

export interface OpenedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Server-side sessions: the cookie holds a random token, the table holds its hash. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @InjectRepository(User) private readonly users: Repository<User>,
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

  /** The session's user and CSRF token, or null when unknown, idle too long or past its end. */
  async resolve(token: string): Promise<{ user: User; session: Session } | null> {
    const session = await this.sessions.findOneBy({ tokenHash: hashToken(token) });
    if (!session) return null;
    const now = this.clock.now();
    const idleLimit = this.config.session.idleMinutes * 60_000;
    if (session.expiresAt <= now || now.getTime() - session.lastSeenAt.getTime() > idleLimit) {
      await this.uow.run((m) => m.delete(Session, { id: session.id }));
      return null;
    }
    const user = await this.users.findOneBy({ id: session.userId, active: true });
    if (!user) return null;
    // Sliding idle timeout; written at most once a minute to spare the database.
    if (now.getTime() - session.lastSeenAt.getTime() > 60_000) {
      await this.uow.run((m) => m.update(Session, { id: session.id }, { lastSeenAt: now }));
    }
    return { user, session };
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
