import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import { rawRows, sqliteMoment } from '../../../common/database/row-values.js';
import { cacheStamp } from '../../../common/database/versioned-cache.js';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import type { Actor } from '../../users/roles.js';
import { DealersService } from '../../dealers/dealers.service.js';
import { Ticket } from '../ticket.entity.js';
import { ticketSummaryView, type TicketSummaryView } from '../ticket.presenter.js';
import { QUEUE_COLUMNS, queueRecord, type QueueRecord } from '../ticket.repository.js';
import { TicketsService } from '../tickets.service.js';
import type { ListTicketsQuery, Sort } from './list-tickets.query.js';
import { countFacets, FACETS, type CountedRow, type Facet, type FacetCounts } from './queue-facets.js';
import { decodeCursor, encodeCursor, type QueueCursor } from './queue-cursor.js';
import { fts5Query, fts5Terms, parseTicketSearch, plainWord, prefixRange, tsQuery, type TicketSearch } from './ticket-search.js';

export interface QueueFacets {
  counts: FacetCounts;
  /** Under a text search with more than SEARCH_COUNT_CAP matches: the counts are of the first ones only. */
  capped: boolean;
}

export interface TicketPage {
  /** accountStart: with the option of that name, the first ACCOUNT_START_CHARS + 1 characters of the account. */
  items: (TicketSummaryView & { accountStart?: string })[];
  nextCursor: string | null;
}

/** The queue: filters, search, facet counts and keyset pages, always through the caller's dealer scope. */
@Injectable()
export class TicketQueueService {
  constructor(
    @InjectRepository(Ticket) private readonly tickets: Repository<Ticket>,
    private readonly views: TicketsService,
    private readonly dealers: DealersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get postgres(): boolean {
    return this.tickets.manager.connection.options.type === 'postgres';
  }

  /**
   * The tickets the filters select in the caller's scope, as conditions on `t` (with their
   * parameters, in order) to sort or count; null when the filters ask for a dealer outside
   * the scope. Written out rather than through a query builder: the queue is the desk's
   * busiest read, and building the statement cost more than SQLite took to run it.
   */
  private filtered(actor: Actor, query: ListTicketsQuery, options: { openOnly?: boolean; searchBy?: SearchBy }): Conditions | null {
    if (actor.dealerId && query.dealerId && query.dealerId !== actor.dealerId) return null;
    const c: Conditions = { where: [], params: [] };
    const dealerId = actor.dealerId ?? query.dealerId;
    if (dealerId) and(c, 't."dealerId" = ?', dealerId);
    // The names are ours, never input: only the values are parameters.
    for (const field of ['department', 'stage', 'status', 'severity', 'slaState', 'assigneeId', 'channel'] as const) {
      const value = query[field];
      if (value !== undefined) and(c, `t."${field}" = ?`, value);
    }
    if (query.saleAtRisk !== undefined) and(c, 't."saleAtRisk" = ?', query.saleAtRisk === 'true');
    if (query.unassigned === 'true') and(c, 't."assigneeId" IS NULL');
    if ((options.openOnly || query.openOnly === 'true') && query.status === undefined) and(c, `t."status" <> 'closed'`);
    const search = query.q === undefined ? null : parseTicketSearch(query.q);
    if (search) this.matching(c, search, options.searchBy ?? { by: 'index' });
    return c;
  }

  /**
   * Only the tickets the search finds: a reference straight from its unique index; only
   * punctuation, none; words through the full-text index, never a scan of tickets or
   * customers. `index` reads the matches from the index (then sorts them); `walk` reads the
   * queue in its order and checks each ticket in the index: the way to a page when the
   * words are in a large share of the tickets, as sorting all of them would not be.
   */
  private matching(c: Conditions, search: TicketSearch, by: SearchBy): void {
    if ('ref' in search) return and(c, 't."ref" = ?', search.ref);
    if ('nothing' in search) return and(c, '1 = 0');
    if (this.postgres) {
      const match = `s.document @@ to_tsquery('simple', amends_search_fold(?))`;
      // ARRAY(…) is read once, through the GIN index, before the tickets: as a semi-join the
      // planner may walk the queue's order and probe every ticket's document instead.
      if (by.by === 'index') and(c, `t.id = ANY(ARRAY(SELECT s."ticketId" FROM ticket_search s WHERE ${match}))`, tsQuery(search.words));
      else and(c, `EXISTS (SELECT 1 FROM ticket_search s WHERE s."ticketId" = t.id AND ${match})`, tsQuery(search.words));
      return;
    }
    if (by.by === 'index') and(c, `t.id IN (SELECT k."ticketId" FROM ticket_search s JOIN ticket_search_keys k ON k."key" = s.rowid WHERE ticket_search MATCH ?)`, fts5Query(search.words));
    // Each ticket in the queue's order looked up in the index by its own key and the words' exact terms: a seek per ticket.
    else if (by.by === 'probe') and(c, `EXISTS (SELECT 1 FROM ticket_search_keys k JOIN ticket_search s ON s.rowid = k."key" WHERE k."ticketId" = t.id AND ticket_search MATCH ?)`, by.match);
    // The matches are gathered once (probing the index ticket by ticket would expand each
    // prefix term again per ticket), then each ticket in the queue's order is looked up in them.
    else and(c, `EXISTS (SELECT 1 FROM ticket_search_keys k WHERE k."ticketId" = t.id AND k."key" IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH ?))`, fts5Query(search.words));
  }

  /**
   * How the queue reads a word search: from the index unless the words match many tickets
   * (counted no further than that; on PostgreSQL estimated), then by walking the queue in its order. On SQLite, plain
   * words of few terms are counted from the index's vocabulary (how many tickets hold each
   * term) and walked with one seek per ticket by their exact terms.
   */
  private async searchBy(query: ListTicketsQuery): Promise<SearchBy> {
    const search = query.q === undefined ? null : parseTicketSearch(query.q);
    if (!search || !('words' in search)) return { by: 'index' };
    const limit = this.config.queueSearchWalkAbove;
    const terms = this.postgres ? null : await this.vocabulary(search.words);
    if (terms) {
      // At most the rarest word's tickets match: few are read from the index, many walked by exact terms.
      const most = Math.min(...terms.map((word) => word.reduce((n, t) => n + t.doc, 0)));
      return most > limit ? { by: 'probe', match: fts5Terms(terms.map((word) => word.map((t) => t.term))) } : { by: 'index' };
    }
    if (this.postgres) return (await this.estimatedMatches(search.words)) > limit ? { by: 'walk' } : { by: 'index' };
    const [row]: { n: number | string }[] = await this.tickets.query(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ticket_search WHERE ticket_search MATCH ? LIMIT ?)`, [fts5Query(search.words), limit + 1]);
    return Number(row.n) > limit ? { by: 'walk' } : { by: 'index' };
  }

  /**
   * On PostgreSQL, how many tickets the words are in, from a sample: a GIN index is read
   * only as a bitmap of every match, so counting even the first few thousand matches of a
   * word in every account read them all (70 ms at 1 M). The first SEARCH_SAMPLE documents
   * checked one by one, scaled to the number of tickets, cost the same at any size; with
   * fewer tickets than that the sample is all of them and the count exact. Only the way
   * the page is read depends on it, never which tickets it shows.
   */
  private async estimatedMatches(words: string[]): Promise<number> {
    const [row]: { hits: number | string; sampled: number | string; total: number | string | null }[] = await this.tickets.query(
      `SELECT (SELECT COUNT(*) FROM (SELECT s.document FROM ticket_search s LIMIT $2) x WHERE x.document @@ to_tsquery('simple', amends_search_fold($1))) AS hits,
        (SELECT COUNT(*) FROM (SELECT 1 FROM ticket_search LIMIT $2) x) AS sampled,
        (SELECT SUM(n) FROM queue_counts WHERE scope = '*' AND "assigneeId" = '*') AS total`,
      [tsQuery(words), SEARCH_SAMPLE],
    );
    const hits = Number(row.hits);
    const sampled = Number(row.sampled);
    return sampled < SEARCH_SAMPLE ? hits : (hits * Math.max(Number(row.total ?? 0), sampled)) / sampled;
  }

  /**
   * Each word's terms in the SQLite index with how many tickets hold each, when every word
   * is plain and the prefix of 1 to MAX_PROBE_TERMS terms; otherwise null.
   */
  private async vocabulary(words: string[]): Promise<{ term: string; doc: number }[][] | null> {
    const found: { term: string; doc: number }[][] = [];
    for (const word of words) {
      const plain = plainWord(word);
      if (!plain) return null;
      const rows: { term: string; doc: number | string }[] = await this.tickets.query(
        'SELECT term, doc FROM ticket_search_vocab WHERE term >= ? AND term < ? LIMIT ?',
        [...prefixRange(plain), MAX_PROBE_TERMS + 1],
      );
      // No term (nothing matches: the index says so at once) or too many for one probe.
      if (!rows.length || rows.length > MAX_PROBE_TERMS) return null;
      found.push(rows.map((r) => ({ term: r.term, doc: Number(r.doc) })));
    }
    return found;
  }

  /**
   * For each filterable field, how many tickets each value has under the other filters,
   * read from the counts the database keeps (a few hundred rows per scope, by primary key).
   * Under a text search the kept counts can't tell which tickets match, so the counts are
   * of at most SEARCH_COUNT_CAP matches (`capped` when there were more): no more work than
   * the search's own page, and never a count of every open ticket.
   */
  async facets(actor: Actor, query: ListTicketsQuery, options: { openOnly?: boolean } = {}): Promise<QueueFacets> {
    const openOnly = Boolean(options.openOnly || query.openOnly === 'true');
    if (actor.dealerId && query.dealerId && query.dealerId !== actor.dealerId) return { counts: countFacets([], {}, openOnly), capped: false };
    const filters = Object.fromEntries(FACETS.filter((f) => query[f] !== undefined).map((f) => [f, query[f]]));
    // The kept counts know neither the words of a search nor the views "sale at risk" and "unassigned".
    if (query.q?.trim() || query.saleAtRisk !== undefined || query.unassigned === 'true') {
      // Only the scope, the assignee, the views and the search: each field's counts drop its own filter.
      const { dealerId, assigneeId, q, saleAtRisk, unassigned } = query;
      const searchBy = await this.searchBy(query);
      const c = this.filtered(actor, { dealerId, assigneeId, q, saleAtRisk, unassigned }, { searchBy })!;
      const matches = await this.walking(searchBy, (m) =>
        rawRows<Record<Facet, string | null>>(m, `SELECT ${FACETS.map((f) => `t."${f}"`).join(', ')} FROM tickets t${whereOf(c.where)} LIMIT ${SEARCH_COUNT_CAP + 1}`, c.params),
      );
      const rows: CountedRow[] = matches.map((r) => ({ ...r, n: 1 }));
      return { counts: countFacets(rows.slice(0, SEARCH_COUNT_CAP), filters, openOnly), capped: rows.length > SEARCH_COUNT_CAP };
    }
    // Summed in the database, one grouped read per field: the scope of every dealer holds
    // thousands of combinations, and turning each into a row and counting it here was the
    // queue page's largest cost. A field's counts drop its own filter (and, but for status,
    // keep "not closed"), as countFacets does with rows in memory.
    const hideClosed = openOnly && filters.status === undefined;
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const f of FACETS) {
      const where = ['"scope" = ?', '"assigneeId" = ?', '"n" > 0'];
      params.push(actor.dealerId ?? query.dealerId ?? '*', query.assigneeId ?? '*');
      for (const g of FACETS) if (g !== f && filters[g] !== undefined) (where.push(`"${g}" = ?`), params.push(filters[g]));
      if (hideClosed && f !== 'status') where.push(`"status" <> 'closed'`);
      parts.push(`SELECT '${f}' AS "facet", "${f}" AS "value", SUM("n") AS "n" FROM queue_counts WHERE ${where.join(' AND ')} GROUP BY "${f}"`);
    }
    const sums = await rawRows<{ facet: Facet; value: string; n: number | string }>(this.tickets.manager, parts.join(' UNION ALL '), params);
    const counts = Object.fromEntries(FACETS.map((f) => [f, {}])) as FacetCounts;
    // '' is the kept counts' "no SLA state".
    for (const r of sums) counts[r.facet][r.value === '' ? 'none' : r.value] = Number(r.n);
    return { counts, capped: false };
  }

  /** The queue: filtered, in the caller's scope, sorted, one page after the cursor. */
  async queue(actor: Actor, query: ListTicketsQuery, options: { openOnly?: boolean; accountStart?: boolean } = {}): Promise<TicketPage> {
    return (await this.read(actor, query, options)).page;
  }

  /**
   * The queue as its page shows it: each row with the start of the account, and the dealers'
   * cache stamp the read saw (undefined when it read no row), so the page's dealer lists need
   * no statement of their own.
   */
  queueForPage(actor: Actor, query: ListTicketsQuery, options: { openOnly?: boolean } = {}): Promise<{ page: TicketPage; dealersStamp?: string | null }> {
    return this.read(actor, query, { ...options, accountStart: true });
  }

  private async read(actor: Actor, query: ListTicketsQuery, options: { openOnly?: boolean; accountStart?: boolean }): Promise<{ page: TicketPage; dealersStamp?: string | null }> {
    const sort: Sort = query.sort ?? 'nextDue';
    const limit = query.limit ?? 50;
    const cursor = query.cursor ? decodeCursor(query.cursor, sort) : null;
    const searchBy = await this.searchBy(query);
    const c = this.filtered(actor, query, { ...options, searchBy });
    if (!c) return { page: { items: [], nextCursor: null } };
    // Only what a queue row shows (and its sort keys), as raw rows: no entities are built.
    // The customer's name in the same read (by primary key, per row of the page): no second query.
    // The queue page's subject: the start of the customer's words, never the whole account.
    // The dealers' version in the same read: their calendars need no statement of their own (usually none at all).
    const select = `SELECT ${QUEUE_SELECT}, c."name" AS "customerName"${options.accountStart ? `, SUBSTR(t."account", 1, ${ACCOUNT_START_CHARS + 1}) AS "accountStart"` : ''}, ${cacheStamp('dealers')} AS "dealersStamp"
      FROM tickets t INNER JOIN customers c ON c.id = t."customerId"`;
    const raw = await this.walking(searchBy, (m) => this.pageRows(m, select, c, sort, cursor, limit + 1));
    const page = raw.slice(0, limit);
    const rows = page.map(queueRecord);
    const dealersStamp = page.length ? ((page[0].dealersStamp as string | null) ?? null) : undefined;
    const calendarOf = dealersStamp !== undefined ? await this.dealers.calendarLookup(dealersStamp) : () => undefined;
    const sla = await this.views.slaViews(rows, { calendarOf, timers: false });
    const last = raw.length > limit ? rows[rows.length - 1] : undefined;
    const items = rows.map((t, i) => {
      const view = ticketSummaryView(t, { id: t.customerId, name: page[i].customerName as string }, sla.get(t.id));
      return options.accountStart ? { ...view, accountStart: (page[i].accountStart as string | undefined) ?? '' } : view;
    });
    return { page: { items, nextCursor: last ? encodeCursor({ sort, key: sortKey(last, sort), id: last.id }) : null }, dealersStamp };
  }

  /**
   * A read of the queue walked against a word search, on PostgreSQL without parallel
   * workers: the planner can't tell that a word is in most documents (a prefix's share is
   * a guess of a few per cent), so it plans the walk as a parallel scan, whose workers take
   * longer to start (about 15 ms) than the page takes to read in one process.
   */
  private async walking<T>(by: SearchBy, read: (m: EntityManager) => Promise<T>): Promise<T> {
    if (!this.postgres || by.by !== 'walk') return read(this.tickets.manager);
    return this.tickets.manager.transaction(async (m) => {
      await m.query('SET LOCAL max_parallel_workers_per_gather = 0');
      return read(m);
    });
  }

  /** Keyset paging: up to `n` rows strictly after the cursor's (key, id) in the sort's order. */
  private async pageRows(m: EntityManager, select: string, c: Conditions, sort: Sort, cursor: QueueCursor | null, n: number): Promise<Record<string, unknown>[]> {
    const read = (extra: string[], params: unknown[], order: string, count: number) =>
      rawRows<Record<string, unknown>>(m, `${select}${whereOf([...c.where, ...extra])} ORDER BY ${order} LIMIT ${Number(count)}`, [...c.params, ...params]);
    // A moment as the column holds it: timestamptz on PostgreSQL, TypeORM's UTC text on SQLite.
    const moment = (iso: string) => (this.postgres ? new Date(iso) : sqliteMoment(iso));
    if (sort === 'receivedAt') {
      if (!cursor) return read([], [], 't."receivedAt" DESC, t.id DESC', n);
      const key = moment(cursor.key as string);
      return read(['(t."receivedAt" < ? OR (t."receivedAt" = ? AND t.id < ?))'], [key, key, cursor.id], 't."receivedAt" DESC, t.id DESC', n);
    }
    if (sort === 'severity') {
      if (!cursor) return read([], [], 't."severityRank" DESC, t.id DESC', n);
      const key = Number(cursor.key);
      return read(['(t."severityRank" < ? OR (t."severityRank" = ? AND t.id < ?))'], [key, key, cursor.id], 't."severityRank" DESC, t.id DESC', n);
    }
    // Soonest deadline first, tickets without one last. Read as two scans in index order
    // (dated by (nextDueAt, id), then undated by id): one ORDER BY … NULLS LAST makes SQLite
    // sort every matching ticket, a million of them in a big queue.
    let dated: Record<string, unknown>[] = [];
    if (!cursor) dated = await read(['t."nextDueAt" IS NOT NULL'], [], 't."nextDueAt" ASC, t.id ASC', n);
    else if (cursor.key !== null) {
      const key = moment(cursor.key as string);
      dated = await read(['t."nextDueAt" IS NOT NULL', '(t."nextDueAt" > ? OR (t."nextDueAt" = ? AND t.id > ?))'], [key, key, cursor.id], 't."nextDueAt" ASC, t.id ASC', n);
    }
    if (dated.length >= n) return dated;
    const undated = cursor && cursor.key === null
      ? await read(['t."nextDueAt" IS NULL', 't.id > ?'], [cursor.id], 't.id ASC', n - dated.length)
      : await read(['t."nextDueAt" IS NULL'], [], 't.id ASC', n - dated.length);
    return [...dated, ...undated];
  }
}

/** How much of the customer's words the queue page shows as a row's subject. */
export const ACCOUNT_START_CHARS = 80;

/** Enough matches for counts that show where a search's tickets are; the list pages through all of them. */
export const SEARCH_COUNT_CAP = 1000;

/** How a word search is read: `index` sorts the matches, `walk` reads the queue in order against the gathered matches, `probe` against the exact terms. */
type SearchBy = { by: 'index' } | { by: 'walk' } | { by: 'probe'; match: string };

/** Documents PostgreSQL's search estimate reads: about 1 ms, and a word in 0.5 % of the tickets shows in it. */
const SEARCH_SAMPLE = 1000;

/** Terms per word beyond which a probe's OR grows costlier than gathering the matches once. */
const MAX_PROBE_TERMS = 16;

function sortKey(t: QueueRecord, sort: Sort): string | number | null {
  if (sort === 'receivedAt') return t.receivedAt;
  if (sort === 'severity') return t.severityRank;
  return t.nextDueAt;
}

/** Conditions joined by AND, and their parameters in the order the `?` appear. */
interface Conditions {
  where: string[];
  params: unknown[];
}

function and(c: Conditions, condition: string, ...params: unknown[]): void {
  c.where.push(condition);
  c.params.push(...params);
}

const whereOf = (where: string[]) => (where.length ? ` WHERE ${where.join(' AND ')}` : '');

const QUEUE_SELECT = QUEUE_COLUMNS.map((c) => `t."${c}"`).join(', ');
