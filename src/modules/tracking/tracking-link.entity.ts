import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../common/database/columns.js';

/** A further link to a ticket, minted when a customer e-mail is sent. Only the token's hash is kept. */
@Entity('tracking_links')
export class TrackingLink {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 36 }) ticketId: string;
  @Column({ type: 'varchar', length: 64 }) tokenHash: string;
  @TimestampColumn() createdAt: Date;
  @TimestampColumn({ nullable: true }) revokedAt: Date | null;
}
