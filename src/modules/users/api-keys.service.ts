import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { IsNull, Repository, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { hashToken, randomToken } from '../../common/security/tokens.js';
import { ApiKey } from './api-key.entity.js';
import type { Actor, ApiKeyScope } from './roles.js';
import { User } from './user.entity.js';

const KEY_PREFIX = 'amk_';

export interface ApiKeyView {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

@Injectable()
export class ApiKeysService {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
  ) {}

  /** Makes a key for a user; the key is returned this once and only its hash is kept. */
  async create(admin: Actor, userId: string, name: string, scopes: ApiKeyScope[] = []): Promise<{ id: string; key: string; view: ApiKeyView }> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user || !user.active) throw new DomainError('user.not-found', `No active user ${userId}`);
    const key = KEY_PREFIX + randomToken(32);
    const row: ApiKey = {
      id: randomUUID(),
      userId,
      name,
      keyHash: hashToken(key),
      prefix: key.slice(0, 12),
      createdById: admin.id,
      scopes: scopes.length ? [...new Set(scopes)].sort() : null,
      createdAt: this.clock.now(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.uow.run((m) => m.insert(ApiKey, row));
    return { id: row.id, key, view: toView(row) };
  }

  async list(): Promise<ApiKeyView[]> {
    const rows = await this.keys.find({ order: { createdAt: 'DESC' } });
    return rows.map(toView);
  }

  async revoke(id: string): Promise<void> {
    // One conditional write: concurrent or repeated revocations keep the first moment and write nothing more.
    const revoked = await this.uow.run((m) =>
      m.createQueryBuilder().update(ApiKey).set({ revokedAt: this.clock.now() }).where('id = :id AND "revokedAt" IS NULL', { id }).execute(),
    );
    if (revoked.affected === 0 && !(await this.keys.existsBy({ id }))) throw new DomainError('api-key.not-found', `No API key ${id}`);
  }

  /** Revokes every live key of a user (deactivated); keys already revoked keep their moment. */
  async revokeAllFor(userId: string, m: EntityManager): Promise<number> {
    const revoked = await m.createQueryBuilder().update(ApiKey).set({ revokedAt: this.clock.now() }).where('"userId" = :userId AND "revokedAt" IS NULL', { userId }).execute();
    return revoked.affected ?? 0;
  }

  /** The user a presented key acts as, with the key's scopes; null for an unknown or revoked key. */
  async resolve(key: string): Promise<{ user: User; scopes: ApiKeyScope[] } | null> {
    if (!key.startsWith(KEY_PREFIX)) return null;
    const row = await this.keys.findOneBy({ keyHash: hashToken(key), revokedAt: IsNull() });
    if (!row) return null;
    const user = await this.users.findOneBy({ id: row.userId, active: true });
    return user ? { user, scopes: row.scopes ?? [] } : null;
  }
}

function toView(k: ApiKey): ApiKeyView {
  return {
    id: k.id,
    userId: k.userId,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes ?? [],
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}
