import { TimestampColumn } from '../../common/database/columns.js';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from './roles.js';

@Entity('users')
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Stored lower-case; unique. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** argon2id, with its parameters in the string. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  @Column({ type: 'varchar', length: 36, nullable: true })
  dealerId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  department: string | null;

  @Column({ type: 'varchar', length: 8 })
  language: string;

  /** An inactive user cannot sign in; their sessions and keys stop working. */
  @Column({ type: 'boolean' })
  active: boolean;

  /** Set by an admin's one-time password: until changed, the user's session reaches only the password change. */
  @Column({ type: 'boolean', default: false })
  mustChangePassword: boolean;

  @TimestampColumn()
  createdAt: Date;
}
