import { jsonTransformer, TimestampColumn } from '../../common/database/columns.js';
import type { ApiKeyScope } from './roles.js';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A key for integrations; acts as its user. Only a hash is stored; the key is shown once. */
@Entity('api_keys')
export class ApiKey {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  userId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 64 })
  keyHash: string;

  /** The first characters, so an admin can tell keys apart without the secret. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @Column({ type: 'varchar', length: 36 })
  createdById: string;

  /** What the key may do beyond its user's role (JSON list); null: nothing more. */
  @Column({ type: 'text', nullable: true, transformer: jsonTransformer })
  scopes: ApiKeyScope[] | null;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn({ nullable: true })
  lastUsedAt: Date | null;

  @TimestampColumn({ nullable: true })
  revokedAt: Date | null;
}
