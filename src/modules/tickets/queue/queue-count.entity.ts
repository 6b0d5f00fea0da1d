import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many tickets have one combination of the queue's counted columns, per dealer (and
 * '*' for all dealers) and per assignee ('*' for anyone). Kept by database triggers on
 * tickets (migration QueueCounts1764120000000), never written by the app. '' stands for
 * no SLA state.
 */
@Entity('queue_counts')
export class QueueCount {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  scope: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  assigneeId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  department: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  stage: string;

  @PrimaryColumn({ type: 'varchar', length: 24 })
  status: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  severity: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  slaState: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  channel: string;

  @Column({ type: 'integer' })
  n: number;
}
