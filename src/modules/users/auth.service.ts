import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error.js';
import { verifyPassword } from './passwords.js';
import { SessionsService, type OpenedSession } from './sessions.service.js';
import { SignInLimitsService } from './sign-in-limits.service.js';
import { UsersService } from './users.service.js';
import type { User } from './user.entity.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly limits: SignInLimitsService,
  ) {}

  /**
   * Checks the password and opens a fresh session (a new id, replacing any the browser had).
   * An account that failed too often waits first (429), whether or not it exists, so the
   * delay tells nothing; hashing beyond the cap is refused (503) rather than queued.
   */
  async login(email: string, password: string, previousToken?: string): Promise<{ user: User; session: OpenedSession }> {
    await this.limits.checkAccount(email);
    const user = await this.users.findByEmail(email);
    const ok = await this.limits.withHashSlot(() => verifyPassword(user?.passwordHash, password));
    if (!user || !ok) {
      await this.limits.recordFailure(email);
      throw new DomainError('auth.unauthenticated', 'Wrong e-mail or password');
    }
    await this.limits.recordSuccess(email);
    const session = await this.sessions.open(user.id, previousToken);
    return { user, session };
  }

  logout(token: string | undefined): Promise<void> {
    return token ? this.sessions.close(token) : Promise.resolve();
  }
}
