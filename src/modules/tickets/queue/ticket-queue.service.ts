import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type SelectQueryBuilder } from 'typeorm';
import { rawRows } from '../../../common/database/row-values.js';
import { cacheStamp } from '../../../common/database/versioned-cache.js';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import type { Actor } from '../../users/roles.js';
import { DealersService } from '../../dealers/dealers.service.js';
import { Customer } from '../customers/customer.entity.js';
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
   * The tickets the filters select in the caller's scope, as a query to sort or count;
   * null when the filters ask for a dealer outside the scope.
   */
  private filtered(actor: Actor, query: ListTicketsQuery, options: { openOnly?: boolean; searchBy?: SearchBy }): SelectQueryBuilder<Ticket> | null {
    if (actor.dealerId && query.dealerId && query.dealerId !== actor.dealerId) return null;
    const qb = this.tickets.createQueryBuilder('t');
    const dealerId = actor.dealerId ?? query.dealerId;
    if (dealerId) qb.andWhere('t.dealerId = :dealerId', { dealerId });
    for (const field of ['department', 'stage', 'status', 'severity', 'slaState', 'assigneeId', 'channel'] as const) {
      const value = query[field];
      if (value !== undefined) qb.andWhere(`t.${field} = :${field}`, { [field]: value });
    }
    if (query.saleAtRisk !== undefined) qb.andWhere('t.saleAtRisk = :saleAtRisk', { saleAtRisk: query.saleAtRisk === 'true' });
    if (query.unassigned === 'true') qb.andWhere('t.assigneeId IS NULL');
    if ((options.openOnly || query.openOnly === 'true') && query.status === undefined) qb.andWhere("t.status <> 'closed'");
    const search = query.q === undefined ? null : parseTicketSearch(query.q);
    if (search) this.matching(qb, search, options.searchBy ?? { by: 'index' });
    return qb;
  }

  /**
   * Only the tickets the search finds: a reference straight from its unique index; only
   * punctuation, none; words through the full-text index, never a scan of tickets or
   * customers. `index` reads the matches from the index (then sorts them); `walk` reads the
   * queue in its order and checks each ticket in the index: the way to a page when the
   * words are in a large share of the tickets, as sorting all of them would not be.
   */
  private matching(qb: SelectQueryBuilder<Ticket>, search: TicketSearch, by: SearchBy): void {
    if ('ref' in search) return void qb.andWhere('t.ref = :searchRef', { searchRef: search.ref });
    if ('nothing' in search) return void qb.andWhere('1 = 0');
    if (this.postgres) {
      const match = `s.document @@ to_tsquery('simple', amends_search_fold(:search))`;
      const params = { search: tsQuery(search.words) };
      // ARRAY(…) is read once, through the GIN index, before the tickets: as a semi-join the
      // planner may walk the queue's order and probe every ticket's document instead.
      if (by.by === 'index') qb.andWhere(`t.id = ANY(ARRAY(SELECT s."ticketId" FROM ticket_search s WHERE ${match}))`, params);
      else qb.andWhere(`EXISTS (SELECT 1 FROM ticket_search s WHERE s."ticketId" = t.id AND ${match})`, params);
      return;
    }
    if (by.by === 'index') {
      qb.andWhere(`t.id IN (SELECT k."ticketId" FROM ticket_search s JOIN ticket_search_keys k ON k."key" = s.rowid WHERE ticket_search MATCH :search)`, { search: fts5Query(search.words) });
    } else if (by.by === 'probe') {
      // Each ticket in the queue's order looked up in the index by its own key and the words' exact terms: a seek per ticket.
      qb.andWhere(`EXISTS (SELECT 1 FROM ticket_search_keys k JOIN ticket_search s ON s.rowid = k."key" WHERE k."ticketId" = t.id AND ticket_search MATCH :search)`, { search: by.match });
    } else {
      // The matches are gathered once (probing the index ticket by ticket would expand each
      // prefix term again per ticket), then each ticket in the queue's order is looked up in them.
      qb.andWhere(`EXISTS (SELECT 1 FROM ticket_search_keys k WHERE k."ticketId" = t.id AND k."key" IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH :search))`, { search: fts5Query(search.words) });
    }
  }

  /**
   * How the queue reads a word search: from the index unless the words match many tickets
   * (counted no further than that), then by walking the queue in its order. On SQLite, plain
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
    const [row]: { n: number | string }[] = this.postgres
      ? await this.tickets.query(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ticket_search s WHERE s.document @@ to_tsquery('simple', amends_search_fold($1)) LIMIT $2) m`, [tsQuery(search.words), limit + 1])
      : await this.tickets.query(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ticket_search WHERE ticket_search MATCH ? LIMIT ?)`, [fts5Query(search.words), limit + 1]);
    return Number(row.n) > limit ? { by: 'walk' } : { by: 'index' };
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
      const qb = this.filtered(actor, { dealerId, assigneeId, q, saleAtRisk, unassigned }, { searchBy: await this.searchBy(query) })!;
      const rows: CountedRow[] = (await qb.select(FACETS.map((f) => `t.${f}`)).limit(SEARCH_COUNT_CAP + 1).getRawMany()).map((r) => ({
        ...(Object.fromEntries(FACETS.map((f) => [f, r[`t_${f}`]])) as Record<Facet, string | null>),
        n: 1,
      }));
      return { counts: countFacets(rows.slice(0, SEARCH_COUNT_CAP), filters, openOnly), capped: rows.length > SEARCH_COUNT_CAP };
    }
    // Raw rows: a few hundred per scope, on every view of the queue page; no entities.
    const kept = await rawRows<CountedRow>(
      this.tickets.manager,
      `SELECT ${FACETS.map((f) => `"${f}"`).join(', ')}, "n" FROM queue_counts WHERE "scope" = ? AND "assigneeId" = ? AND "n" > 0`,
      [actor.dealerId ?? query.dealerId ?? '*', query.assigneeId ?? '*'],
    );
    return { counts: countFacets(kept.map((k) => ({ ...k, slaState: k.slaState || null, n: Number(k.n) })), filters, openOnly), capped: false };
  }

  /** The queue: filtered, in the caller's scope, sorted, one page after the cursor. */
  async queue(actor: Actor, query: ListTicketsQuery, options: { openOnly?: boolean; accountStart?: boolean } = {}): Promise<TicketPage> {
    const sort: Sort = query.sort ?? 'nextDue';
    const limit = query.limit ?? 50;
    const cursor = query.cursor ? decodeCursor(query.cursor, sort) : null;
    const qb = this.filtered(actor, query, { ...options, searchBy: await this.searchBy(query) });
    if (!qb) return { items: [], nextCursor: null };
    // Only what a queue row shows (and its sort keys), as raw rows: no entities are built.
    qb.select(`t.${QUEUE_COLUMNS[0]}`, QUEUE_COLUMNS[0]);
    for (const c of QUEUE_COLUMNS.slice(1)) qb.addSelect(`t.${c}`, c);
    // The customer's name in the same read (by primary key, per row of the page): no second query.
    qb.innerJoin(Customer, 'c', 'c.id = t.customerId').addSelect('c.name', 'customerName');
    // The queue page's subject: the start of the customer's words, never the whole account.
    if (options.accountStart) qb.addSelect(`SUBSTR(t.account, 1, ${ACCOUNT_START_CHARS + 1})`, 'accountStart');
    // The dealers' version in the same read: their calendars need no statement of their own (usually none at all).
    qb.addSelect(cacheStamp('dealers'), 'dealersStamp');
    const raw = await pageRows(qb, sort, cursor, limit + 1);
    const page = raw.slice(0, limit);
    const rows = page.map(queueRecord);
    const calendarOf = page.length ? await this.dealers.calendarLookup((page[0].dealersStamp as string | null) ?? null) : () => undefined;
    const sla = await this.views.slaViews(rows, { calendarOf, timers: false });
    const last = raw.length > limit ? rows[rows.length - 1] : undefined;
    return {
      items: rows.map((t, i) => {
        const view = ticketSummaryView(t, { id: t.customerId, name: page[i].customerName as string }, sla.get(t.id));
        return options.accountStart ? { ...view, accountStart: (page[i].accountStart as string | undefined) ?? '' } : view;
      }),
      nextCursor: last ? encodeCursor({ sort, key: sortKey(last, sort), id: last.id }) : null,
    };
  }
}

/** How much of the customer's words the queue page shows as a row's subject. */
export const ACCOUNT_START_CHARS = 80;

/** Enough matches for counts that show where a search's tickets are; the list pages through all of them. */
export const SEARCH_COUNT_CAP = 1000;

/** How a word search is read: `index` sorts the matches, `walk` reads the queue in order against the gathered matches, `probe` against the exact terms. */
type SearchBy = { by: 'index' } | { by: 'walk' } | { by: 'probe'; match: string };

/** Terms per word beyond which a probe's OR grows costlier than gathering the matches once. */
const MAX_PROBE_TERMS = 16;

function sortKey(t: QueueRecord, sort: Sort): string | number | null {
  if (sort === 'receivedAt') return t.receivedAt;
  if (sort === 'severity') return t.severityRank;
  return t.nextDueAt;
}

/** Keyset paging: up to `n` rows strictly after the cursor's (key, id) in the sort's order. */
async function pageRows(qb: SelectQueryBuilder<Ticket>, sort: Sort, cursor: QueueCursor | null, n: number): Promise<Record<string, unknown>[]> {
  if (sort === 'receivedAt') {
    qb.orderBy('t.receivedAt', 'DESC').addOrderBy('t.id', 'DESC');
    if (cursor) qb.andWhere('(t.receivedAt < :ck OR (t.receivedAt = :ck AND t.id < :cid))', { ck: new Date(cursor.key as string), cid: cursor.id });
    return qb.limit(n).getRawMany();
  }
  if (sort === 'severity') {
    qb.orderBy('t.severityRank', 'DESC').addOrderBy('t.id', 'DESC');
    if (cursor) qb.andWhere('(t.severityRank < :ck OR (t.severityRank = :ck AND t.id < :cid))', { ck: Number(cursor.key), cid: cursor.id });
    return qb.limit(n).getRawMany();
  }
  // Soonest deadline first, tickets without one last. Read as two scans in index order
  // (dated by (nextDueAt, id), then undated by id): one ORDER BY … NULLS LAST makes SQLite
  // sort every matching ticket, a million of them in a big queue.
  let dated: Record<string, unknown>[] = [];
  if (!cursor || cursor.key !== null) {
    const q = qb.clone().andWhere('t.nextDueAt IS NOT NULL').orderBy('t.nextDueAt', 'ASC').addOrderBy('t.id', 'ASC');
    if (cursor) q.andWhere('(t.nextDueAt > :ck OR (t.nextDueAt = :ck AND t.id > :cid))', { ck: new Date(cursor.key as string), cid: cursor.id });
    dated = await q.limit(n).getRawMany();
  }
  if (dated.length >= n) return dated;
  const undated = qb.clone().andWhere('t.nextDueAt IS NULL');
  if (cursor && cursor.key === null) undated.andWhere('t.id > :cid', { cid: cursor.id });
  return [...dated, ...(await undated.orderBy('t.id', 'ASC').limit(n - dated.length).getRawMany())];
}
