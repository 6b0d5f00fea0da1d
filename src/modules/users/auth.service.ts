import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error.js';
import { verifyPassword } from './passwords.js';
import { SessionsService, type OpenedSession } from './sessions.service.js';
import { UsersService } from './users.service.js';
import type { User } from './user.entity.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
  ) {}

  /** Checks the password and opens a fresh session (a new id, replacing any the browser had). */
  async login(email: string, password: string, previousToken?: string): Promise<{ user: User; session: OpenedSession }> {
    const user = await this.users.findByEmail(email);
    const ok = await verifyPassword(user?.passwordHash, password);
    if (!user || !ok) throw new DomainError('auth.unauthenticated', 'Wrong e-mail or password');
    const session = await this.sessions.open(user.id, previousToken);
    return { user, session };
  }

  logout(token: string | undefined): Promise<void> {
    return token ? this.sessions.close(token) : Promise.resolve();
  }
}
