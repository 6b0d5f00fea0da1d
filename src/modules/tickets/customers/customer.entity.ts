import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../../common/database/columns.js';

@Entity('customers')
export class Customer {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36 })
  dealerId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 8 })
  language: string;

  /** Communication style: outgoing or reflective (null: not recorded). */
  @Column({ type: 'boolean', nullable: true })
  styleOutgoing: boolean | null;

  /** Communication style: facts first or feelings first (null: not recorded). */
  @Column({ type: 'boolean', nullable: true })
  styleFactsFirst: boolean | null;

  @Column({ type: 'boolean' })
  consent: boolean;

  @TimestampColumn()
  createdAt: Date;
}
