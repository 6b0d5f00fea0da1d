import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { flag, rawRows } from '../../common/database/row-values.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { DealersService } from '../dealers/dealers.service.js';
import { hashPassword } from './passwords.js';
import { roleNeedsDealer, type Actor, type ApiKeyScope, type Role } from './roles.js';
import type { CreateUserDto } from './user.dto.js';
import { User } from './user.entity.js';
import { mayTake } from './assignable.js';

export interface UserView {
  id: string;
  name: string;
  email: string;
  role: Role;
  dealerId: string | null;
  department: string | null;
  language: string;
  active: boolean;
  /** A one-time password is set: the user must choose their own at the next sign-in. */
  mustChangePassword: boolean;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dealers: DealersService,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
  ) {}

  /** The users GET /api/users shows: a dealer's staff see their own dealer's users only; importer-wide roles see all. */
  async listVisible(actor: Actor): Promise<UserView[]> {
    const qb = this.users.createQueryBuilder('u').orderBy('u.name', 'ASC');
    if (actor.dealerId) qb.where('u.dealerId = :d', { d: actor.dealerId });
    return (await qb.getMany()).map(toUserView);
  }

  /** Users the caller may hand work to: their dealer's and importer-wide users, or everyone for importer roles. */
  async list(actor: Actor): Promise<UserView[]> {
    // Raw rows straight to their shape: the queue page asks on every view.
    const columns = 'SELECT "id", "name", "email", "role", "dealerId", "department", "language", "active", "mustChangePassword" FROM users';
    const rows = actor.dealerId
      ? await rawRows<Record<string, unknown>>(this.users.manager, `${columns} WHERE "dealerId" = ? OR "dealerId" IS NULL ORDER BY "name" ASC`, [actor.dealerId])
      : await rawRows<Record<string, unknown>>(this.users.manager, `${columns} ORDER BY "name" ASC`);
    return rows.map((r) => ({ ...(r as unknown as UserView), active: flag(r.active as number)!, mustChangePassword: flag(r.mustChangePassword as number)! }));
  }

  async create(dto: CreateUserDto): Promise<UserView> {
    if (roleNeedsDealer(dto.role) && !dto.dealerId) {
      throw new DomainError('user.dealer.invalid', `dealerId is required for the role ${dto.role}`);
    }
    const dealer = dto.dealerId ? await this.dealers.get(dto.dealerId, 'dealerId') : null;
    const email = dto.email.trim().toLowerCase();
    if (await this.users.existsBy({ email })) throw new DomainError('user.email.conflict', `email ${email} is already in use`);
    const user: User = {
      id: randomUUID(),
      name: dto.name.trim(),
      email,
      passwordHash: await hashPassword(dto.password),
      role: dto.role,
      dealerId: dto.dealerId ?? null,
      department: dto.department ?? null,
      // Their mails are in their dealer's language unless they chose one; importer staff read English.
      language: dto.language ?? dealer?.language ?? 'en',
      active: true,
      mustChangePassword: false,
      createdAt: this.clock.now(),
    };
    await this.uow.run((m) => m.insert(User, user));
    return toUserView(user);
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: email.trim().toLowerCase(), active: true });
  }

  /** A user the actor may hand work to: active and in scope of the dealer. Inside a transaction, pass its manager. */
  async findAssignable(userId: string, dealerId: string, m: EntityManager = this.users.manager): Promise<User | null> {
    const user = await m.findOneBy(User, { id: userId, active: true });
    if (!user || !mayTake(user, dealerId)) return null;
    return user;
  }
}

export function toUserView(u: User): UserView {
  return { id: u.id, name: u.name, email: u.email, role: u.role, dealerId: u.dealerId, department: u.department, language: u.language, active: u.active, mustChangePassword: u.mustChangePassword };
}

export function toActor(u: Pick<User, 'id' | 'name' | 'role' | 'dealerId' | 'department'> & Partial<Pick<User, 'language'>>, via: Actor['via'], scopes: readonly ApiKeyScope[] = []): Actor {
  return { id: u.id, name: u.name, role: u.role, dealerId: u.dealerId, department: u.department, language: u.language, via, scopes };
}
