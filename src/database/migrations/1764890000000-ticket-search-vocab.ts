import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SQLite only: the terms of the queue's full-text index with how many tickets hold each
 * (FTS5's `fts5vocab`, read straight from the index, nothing stored). A search for words in
 * a large share of the tickets expands each word prefix to its few terms here and probes
 * the queue's tickets one by one by exact term, which FTS5 seeks; a prefix term would merge
 * the whole of its matches on every probe.
 */
export class TicketSearchVocab1764890000000 implements MigrationInterface {
  name = 'TicketSearchVocab1764890000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'sqlite') return;
    await queryRunner.query(`CREATE VIRTUAL TABLE "ticket_search_vocab" USING fts5vocab('ticket_search', 'row')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type !== 'sqlite') return;
    await queryRunner.query(`DROP TABLE "ticket_search_vocab"`);
  }
}
