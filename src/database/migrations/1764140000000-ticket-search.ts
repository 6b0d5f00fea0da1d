import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The queue's text search through a full-text index instead of LIKE '%…%' over every
 * ticket: one document per ticket (its reference, the account, the customer's name),
 * kept in step by triggers, so in the same transaction as the write, whatever writes.
 *
 * SQLite: an FTS5 table (unicode61, accents removed), contentless: the text stays in
 * tickets and customers. Its rowids come from ticket_search_keys, since a ticket's own
 * rowid may change on VACUUM; the keys also carry the customer, whose rename re-indexes
 * their tickets without a scan of tickets.
 *
 * PostgreSQL: a tsvector per ticket with the 'simple' configuration (no stemming language
 * assumed: Norwegian, Swedish, Dutch and English alike) and a GIN index. Accents are
 * folded by amends_search_fold, which the queue applies to its queries too.
 */
export class TicketSearch1764140000000 implements MigrationInterface {
  name = 'TicketSearch1764140000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'postgres') return this.upPostgres(queryRunner);
    await queryRunner.query(`CREATE TABLE "ticket_search_keys" ("key" integer PRIMARY KEY, "ticketId" varchar(36) NOT NULL, "customerId" varchar(36) NOT NULL)`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_ticket_search_keys_ticket" ON "ticket_search_keys" ("ticketId")`);
    await queryRunner.query(`CREATE INDEX "IDX_ticket_search_keys_customer" ON "ticket_search_keys" ("customerId")`);
    await queryRunner.query(
      `CREATE VIRTUAL TABLE "ticket_search" USING fts5(document, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`,
    );
    const doc = (t: string, name: string) => `${t}."ref" || ' ' || ${t}."account" || ' ' || COALESCE(${name}, '')`;
    const nameOf = (t: string) => `(SELECT c."name" FROM "customers" c WHERE c."id" = ${t}."customerId")`;
    const keyOf = (id: string) => `(SELECT k."key" FROM "ticket_search_keys" k WHERE k."ticketId" = ${id})`;
    await queryRunner.query(`CREATE TRIGGER "ticket_search_insert" AFTER INSERT ON "tickets" BEGIN
      INSERT INTO "ticket_search_keys" ("ticketId", "customerId") VALUES (new."id", new."customerId");
      INSERT INTO "ticket_search" (rowid, document) VALUES (${keyOf('new."id"')}, ${doc('new', nameOf('new'))});
    END`);
    await queryRunner.query(`CREATE TRIGGER "ticket_search_update" AFTER UPDATE OF "id", "ref", "account", "customerId" ON "tickets"
      WHEN old."id" IS NOT new."id" OR old."ref" IS NOT new."ref" OR old."account" IS NOT new."account" OR old."customerId" IS NOT new."customerId" BEGIN
      DELETE FROM "ticket_search" WHERE rowid = ${keyOf('old."id"')};
      UPDATE "ticket_search_keys" SET "ticketId" = new."id", "customerId" = new."customerId" WHERE "ticketId" = old."id";
      INSERT INTO "ticket_search" (rowid, document) VALUES (${keyOf('new."id"')}, ${doc('new', nameOf('new'))});
    END`);
    await queryRunner.query(`CREATE TRIGGER "ticket_search_delete" AFTER DELETE ON "tickets" BEGIN
      DELETE FROM "ticket_search" WHERE rowid = ${keyOf('old."id"')};
      DELETE FROM "ticket_search_keys" WHERE "ticketId" = old."id";
    END`);
    const ofCustomer = `FROM "ticket_search_keys" k JOIN "tickets" t ON t."id" = k."ticketId" WHERE k."customerId" = new."id"`;
    await queryRunner.query(`CREATE TRIGGER "ticket_search_customer" AFTER UPDATE OF "name" ON "customers" WHEN old."name" IS NOT new."name" BEGIN
      DELETE FROM "ticket_search" WHERE rowid IN (SELECT k."key" ${ofCustomer});
      INSERT INTO "ticket_search" (rowid, document) SELECT k."key", ${doc('t', 'new."name"')} ${ofCustomer};
    END`);
    // The tickets there are already.
    await queryRunner.query(`INSERT INTO "ticket_search_keys" ("ticketId", "customerId") SELECT "id", "customerId" FROM "tickets" ORDER BY "receivedAt", "id"`);
    await queryRunner.query(
      `INSERT INTO "ticket_search" (rowid, document) SELECT k."key", ${doc('t', 'c."name"')}
       FROM "ticket_search_keys" k JOIN "tickets" t ON t."id" = k."ticketId" LEFT JOIN "customers" c ON c."id" = t."customerId" ORDER BY k."key"`,
    );
  }

  private async upPostgres(queryRunner: QueryRunner): Promise<void> {
    // Accents off and case folded without depending on the cluster's locale: the letters
    // of Latin-1 and Latin Extended-A, as SQLite's unicode61 tokenizer folds them.
    await queryRunner.query(`CREATE FUNCTION amends_search_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT translate($1, '${FOLD_FROM}', '${FOLD_TO}') $$`);
    // Punctuation only separates words, as in unicode61: PostgreSQL's parser would otherwise
    // read AM-2026-000123 as 'am', '-2026', '-000123' and an e-mail address as one token.
    await queryRunner.query(`CREATE FUNCTION amends_search_document(ref text, account text, name text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT to_tsvector('simple', amends_search_fold(translate(ref || ' ' || account || ' ' || COALESCE(name, ''), '${PUNCTUATION.replace(/'/g, "''")}', '${' '.repeat(PUNCTUATION.length)}'))) $$`);
    await queryRunner.query(`CREATE TABLE "ticket_search" (
      "ticketId" varchar(36) PRIMARY KEY REFERENCES "tickets" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
      "customerId" varchar(36) NOT NULL,
      "document" tsvector NOT NULL)`);
    // Without GIN's pending list: every search would read through the entries not yet merged
    // (up to 4 MB between vacuums), where one ticket's few lexemes are cheap to merge at once.
    await queryRunner.query(`CREATE INDEX "IDX_ticket_search_document" ON "ticket_search" USING GIN ("document") WITH (fastupdate = off)`);
    await queryRunner.query(`CREATE INDEX "IDX_ticket_search_customer" ON "ticket_search" ("customerId")`);
    await queryRunner.query(`CREATE FUNCTION amends_ticket_search() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ticket_search ("ticketId", "customerId", document)
        VALUES (NEW.id, NEW."customerId", amends_search_document(NEW.ref, NEW.account, (SELECT c.name FROM customers c WHERE c.id = NEW."customerId")))
        ON CONFLICT ("ticketId") DO UPDATE SET "customerId" = EXCLUDED."customerId", document = EXCLUDED.document;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER ticket_search_insert AFTER INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION amends_ticket_search()`);
    await queryRunner.query(`CREATE TRIGGER ticket_search_update AFTER UPDATE OF ref, account, "customerId" ON tickets FOR EACH ROW
      WHEN (OLD.ref IS DISTINCT FROM NEW.ref OR OLD.account IS DISTINCT FROM NEW.account OR OLD."customerId" IS DISTINCT FROM NEW."customerId")
      EXECUTE FUNCTION amends_ticket_search()`);
    await queryRunner.query(`CREATE FUNCTION amends_customer_search() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE ticket_search s SET document = amends_search_document(t.ref, t.account, NEW.name)
        FROM tickets t WHERE s."customerId" = NEW.id AND t.id = s."ticketId";
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER ticket_search_customer AFTER UPDATE OF name ON customers FOR EACH ROW
      WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION amends_customer_search()`);
    await queryRunner.query(`INSERT INTO ticket_search ("ticketId", "customerId", document)
      SELECT t.id, t."customerId", amends_search_document(t.ref, t.account, c.name) FROM tickets t LEFT JOIN customers c ON c.id = t."customerId"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'postgres') {
      await queryRunner.query(`DROP TRIGGER ticket_search_customer ON customers`);
      await queryRunner.query(`DROP TRIGGER ticket_search_update ON tickets`);
      await queryRunner.query(`DROP TRIGGER ticket_search_insert ON tickets`);
      await queryRunner.query(`DROP FUNCTION amends_customer_search()`);
      await queryRunner.query(`DROP FUNCTION amends_ticket_search()`);
      await queryRunner.query(`DROP TABLE ticket_search`);
      await queryRunner.query(`DROP FUNCTION amends_search_document(text, text, text)`);
      await queryRunner.query(`DROP FUNCTION amends_search_fold(text)`);
      return;
    }
    for (const trigger of ['ticket_search_customer', 'ticket_search_delete', 'ticket_search_update', 'ticket_search_insert']) await queryRunner.query(`DROP TRIGGER "${trigger}"`);
    await queryRunner.query(`DROP TABLE "ticket_search"`);
    await queryRunner.query(`DROP TABLE "ticket_search_keys"`);
  }
}

const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
// Frozen with the migration (a later change of the map needs a migration of its own).
const FOLD_FROM = 'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦĨĩĪīĬĭĮįİĲĴĵĶķĹĺĻļĽľĿŁŃńŅņŇňŊŌōŎŏŐőŒŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽž';
const FOLD_TO = 'aaaaaaæceeeeiiiiðnoooooøuuuuyþaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddđeeeeeeeeeegggggggghhħiiiiiiiiiĳjjkkllllllŀłnnnnnnŋooooooœrrrrrrssssssssttttŧuuuuuuuuuuuuwwyyyzzzzzz';
