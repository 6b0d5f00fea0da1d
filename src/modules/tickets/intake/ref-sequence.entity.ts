import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last reference number handed out per year; bumped inside the creating transaction. */
@Entity('ref_sequences')
export class RefSequence {
  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ type: 'integer' })
  lastValue: number;
}
