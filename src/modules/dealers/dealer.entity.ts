import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonTransformer, TimestampColumn } from '../../common/database/columns.js';
import type { BusinessCalendar } from './calendar.js';

@Entity('dealers')
export class Dealer {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** ISO 3166 alpha-2, lower-case (no, se, nl). */
  @Column({ type: 'varchar', length: 2 })
  country: string;

  @Column({ type: 'varchar', length: 64 })
  timeZone: string;

  @Column({ type: 'varchar', length: 8 })
  language: string;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  /** Shown to the customer on the tracking page; free text as the dealer writes it. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  address: string | null;

  @Column({ type: 'text', transformer: jsonTransformer })
  calendar: BusinessCalendar;

  @Column({ type: 'text', transformer: jsonTransformer })
  departments: string[];

  /** Per role, the largest compensation granted without approval; null: the defaults (50 / 500 / unlimited). */
  @Column({ type: 'text', nullable: true, transformer: jsonTransformer })
  approvalLimits: Record<string, number> | null;

  @TimestampColumn()
  createdAt: Date;
}
