import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { Clock } from '../../common/clock/clock.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { DealersService } from '../dealers/dealers.service.js';
import { ApiKeysService } from './api-keys.service.js';
import { accountChanges, type AccountFields } from './account-changes.js';
import { passwordProblems } from './password-policy.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { roleNeedsDealer, type Actor } from './roles.js';
import { SessionsService } from './sessions.service.js';
import type { ChangePasswordDto, UpdateUserDto } from './user.dto.js';
import { UserEvent, type UserEventType } from './user-event.entity.js';
import { User } from './user.entity.js';
import { toUserView, type UserView } from './users.service.js';

/**
 * The lifecycle of an account: an admin's changes (role, dealer, deactivation, a one-time
 * password) and the user's own (password, other sessions). Each change ends the sessions it
 * makes stale in the same transaction, and is recorded in user_events.
 */
@Injectable()
export class AccountsService {
  private readonly logger = new Logger('Accounts');

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly sessions: SessionsService,
    private readonly apiKeys: ApiKeysService,
    private readonly dealers: DealersService,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
  ) {}

  async update(admin: Actor, id: string, dto: UpdateUserDto): Promise<UserView> {
    const user = await this.get(id);
    const next: AccountFields = {
      name: dto.name !== undefined ? dto.name.trim() : user.name,
      role: dto.role ?? user.role,
      dealerId: dto.dealerId !== undefined ? dto.dealerId : user.dealerId,
      department: dto.department !== undefined ? dto.department : user.department,
      active: dto.active ?? user.active,
      language: dto.language ?? user.language,
    };
    if (!next.name) throw new DomainError('user.invalid', 'name must not be blank', ['name must not be blank']);
    if (roleNeedsDealer(next.role) && !next.dealerId) {
      throw new DomainError('user.dealer.invalid', `dealerId is required for the role ${next.role}`, [`dealerId is required for the role ${next.role}`]);
    }
    // An admin cannot lock themselves out (and so there is always an active admin).
    if (admin.id === id && (!next.active || next.role !== 'admin')) {
      throw new DomainError('user.self.invalid', 'You cannot deactivate yourself or give up your own admin role', [dto.active === false ? 'active: you cannot deactivate yourself' : 'role: you cannot give up your own admin role']);
    }
    if (dto.dealerId) await this.dealers.get(dto.dealerId, 'dealerId');
    const changes = accountChanges(user, next);
    if (!Object.keys(changes).length) return toUserView(user);

    const type: UserEventType = changes.active ? (next.active ? 'reactivated' : 'deactivated') : 'updated';
    const done = await this.uow.run(async (m) => {
      await m.update(User, { id }, Object.fromEntries(Object.entries(changes).map(([k, [, v]]) => [k, v])));
      let sessionsEnded = 0;
      let keysRevoked = 0;
      // Deactivated: nothing of theirs may act any more. A new role or dealer: their sessions were opened under the old scope.
      if (!next.active) {
        sessionsEnded = await this.sessions.endAll(id, m);
        keysRevoked = await this.apiKeys.revokeAllFor(id, m);
      } else if (changes.role || changes.dealerId) {
        sessionsEnded = await this.sessions.endAll(id, m);
      }
      await this.record(m, admin, id, type, { changes, sessionsEnded, keysRevoked });
      return { sessionsEnded, keysRevoked };
    });
    this.logger.log(`user ${id} ${type} by ${admin.id}: ${Object.keys(changes).join(', ')}; ${done.sessionsEnded} sessions ended, ${done.keysRevoked} keys revoked`);
    return toUserView({ ...user, ...next });
  }

  /** An admin sets a password the user must change at their next sign-in; their sessions end. */
  async setOneTimePassword(admin: Actor, id: string, password: string): Promise<void> {
    const problems = passwordProblems(password, 'password');
    if (problems.length) throw new DomainError('user.password.invalid', problems.join('; '), problems);
    await this.get(id);
    const passwordHash = await hashPassword(password);
    const sessionsEnded = await this.uow.run(async (m) => {
      await m.update(User, { id }, { passwordHash, mustChangePassword: true });
      const ended = await this.sessions.endAll(id, m);
      await this.record(m, admin, id, 'password-reset', { sessionsEnded: ended });
      return ended;
    });
    this.logger.log(`user ${id}: one-time password set by ${admin.id}; ${sessionsEnded} sessions ended`);
  }

  /** The user changes their own password; every other session of theirs ends, this one stays. */
  async changePassword(actor: Actor, sessionId: string | undefined, dto: ChangePasswordDto): Promise<{ sessionsEnded: number }> {
    const current = sessionOnly(actor, sessionId);
    const problems = passwordProblems(dto.newPassword);
    if (dto.newPassword === dto.currentPassword) problems.push('newPassword must differ from the current password');
    if (problems.length) throw new DomainError('user.password.invalid', problems.join('; '), problems);
    const user = await this.get(actor.id);
    if (!(await verifyPassword(user.passwordHash, dto.currentPassword))) {
      throw new DomainError('user.current-password.invalid', 'currentPassword is wrong', ['currentPassword is wrong']);
    }
    const passwordHash = await hashPassword(dto.newPassword);
    const sessionsEnded = await this.uow.run(async (m) => {
      await m.update(User, { id: user.id }, { passwordHash, mustChangePassword: false });
      const ended = await this.sessions.endOthers(user.id, current, m);
      await this.record(m, actor, user.id, 'password-changed', { sessionsEnded: ended });
      return ended;
    });
    this.logger.log(`user ${user.id} changed their password; ${sessionsEnded} other sessions ended`);
    return { sessionsEnded };
  }

  async endOtherSessions(actor: Actor, sessionId: string | undefined): Promise<{ sessionsEnded: number }> {
    const current = sessionOnly(actor, sessionId);
    const sessionsEnded = await this.uow.run(async (m) => {
      const ended = await this.sessions.endOthers(actor.id, current, m);
      await this.record(m, actor, actor.id, 'sessions-ended', { sessionsEnded: ended });
      return ended;
    });
    this.logger.log(`user ${actor.id} ended ${sessionsEnded} other sessions`);
    return { sessionsEnded };
  }

  /** The language the user's mails are written in. */
  async languageOf(actor: Actor): Promise<string> {
    return (await this.get(actor.id)).language;
  }

  /** The user chooses the language of their own mails (validated by the caller's DTO). */
  async setOwnLanguage(actor: Actor, language: string): Promise<void> {
    const user = await this.get(actor.id);
    if (user.language === language) return;
    await this.uow.run(async (m) => {
      await m.update(User, { id: user.id }, { language });
      await this.record(m, actor, user.id, 'updated', { changes: { language: [user.language, language] } });
    });
  }

  private async get(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new DomainError('user.not-found', `No user ${id}`);
    return user;
  }

  private record(m: EntityManager, actor: Actor, userId: string, type: UserEventType, data: Record<string, unknown>) {
    const event: UserEvent = { id: randomUUID(), userId, actorId: actor.id, type, data, at: this.clock.now() };
    return m.insert(UserEvent, event as QueryDeepPartialEntity<UserEvent>);
  }
}

/** A password change or ending sessions is for the person at a browser, not for a key acting as them. */
function sessionOnly(actor: Actor, sessionId: string | undefined): string {
  if (actor.via !== 'session' || !sessionId) throw new DomainError('account.session.forbidden', 'This takes a signed-in session; an API key cannot change a password or end sessions');
  return sessionId;
}
