import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository, type SelectQueryBuilder } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { Clock } from '../../common/clock/clock.js';
import { Dealer } from '../dealers/dealer.entity.js';
import { FacetCountsCache } from './facet-counts.cache.js';
import { SlaTimersService } from '../sla/sla-timers.service.js';
import { zonedCalendar } from '../sla/zoned-calendar.js';
import { dealerScope, inScope, type Actor } from '../users/roles.js';
import { Compensation } from './compensations/compensation.entity.js';
import { Customer } from './customer.entity.js';
import type { ListTicketsQuery, Sort } from './list-tickets.query.js';
import { fts5Query, parseTicketSearch, tsQuery, type TicketSearch } from './ticket-search.js';
import { decodeCursor, encodeCursor, type QueueCursor } from './queue-cursor.js';
import { Ticket } from './ticket.entity.js';
import { ticketSummaryView, ticketView, type TicketParts, type TicketSummaryView, type TicketView } from './ticket.presenter.js';
import { TimelineEvent } from './timeline-event.entity.js';
import { Vehicle } from './vehicle.entity.js';

export interface TicketPage {
  items: TicketSummaryView[];
  nextCursor: string | null;
}

/** Reading tickets, always through the caller's dealer scope. */
@Injectable()
export class TicketsService {
  constructor(
    @InjectRepository(Ticket) private readonly tickets: Repository<Ticket>,
    @InjectRepository(Customer) private readonly customers: Repository<Customer>,
    @InjectRepository(Vehicle) private readonly vehicles: Repository<Vehicle>,
    @InjectRepository(Compensation) private readonly compensations: Repository<Compensation>,
    @InjectRepository(TimelineEvent) private readonly events: Repository<TimelineEvent>,
    private readonly timers: SlaTimersService,
    private readonly clock: Clock,
    private readonly facetCounts: FacetCountsCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get postgres(): boolean {
    return this.tickets.manager.connection.options.type === 'postgres';
  }

  /** A ticket the actor may see; one outside their scope is reported as not found. */
  async findVisible(actor: Actor, ref: string): Promise<Ticket> {
    // The scope is part of the lookup: another dealer's ticket is missed exactly as an unknown one is.
    const scope = dealerScope(actor);
    const ticket = await this.tickets.findOneBy(scope === 'all' ? { ref } : { ref, dealerId: scope });
    if (!ticket || !inScope(actor, ticket.dealerId)) throw new DomainError('ticket.not-found', `No ticket ${ref}`);
    return ticket;
  }

  async view(actor: Actor, ref: string): Promise<TicketView> {
    return this.staffView(await this.findVisible(actor, ref));
  }

  async viewById(id: string): Promise<TicketView> {
    return this.staffView(await this.tickets.findOneByOrFail({ id }));
  }

  /** The full ticket for staff: its parts and the staff-only hints. */
  private async staffView(ticket: Ticket): Promise<TicketView> {
    const parts = await this.parts(ticket);
    return ticketView({ ...parts, relatedByVehicle: await this.relatedByVehicle(ticket, parts.vehicle) });
  }

  /**
   * Other tickets of the dealer on a vehicle with this one's VIN, newest first: a car that
   * changed owners is a new customer with a vehicle of their own, and this is how staff
   * see that it was here before. Read through the customers' index, not every ticket.
   */
  async relatedByVehicle(ticket: Ticket, vehicle: Vehicle | null): Promise<{ ref: string }[]> {
    if (!vehicle?.vin) return [];
    const rows: { ref: string }[] = await this.tickets
      .createQueryBuilder('t')
      .select('t.ref', 'ref')
      .innerJoin(Vehicle, 'v', 'v.customerId = t.customerId AND v.id = t.vehicleId')
      .innerJoin(Customer, 'c', 'c.id = v.customerId')
      .where('v.vin = :vin AND c.dealerId = :dealerId AND t.dealerId = :dealerId AND t.id <> :id', { vin: vehicle.vin, dealerId: ticket.dealerId, id: ticket.id })
      .orderBy('t.receivedAt', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .limit(RELATED_LIMIT)
      .getRawMany();
    return rows.map((r) => ({ ref: r.ref }));
  }

  customerOf(ticket: Ticket): Promise<Customer> {
    return this.customers.findOneByOrFail({ id: ticket.customerId });
  }

  async parts(ticket: Ticket): Promise<TicketParts> {
    const [customer, vehicle, compensations, timeline, sla] = await Promise.all([
      this.customerOf(ticket),
      ticket.vehicleId ? this.vehicles.findOneBy({ id: ticket.vehicleId }) : Promise.resolve(null),
      this.compensations.find({ where: { ticketId: ticket.id }, order: { createdAt: 'ASC' } }),
      this.events.find({ where: { ticketId: ticket.id }, order: { id: 'ASC' } }),
      this.slaViews([ticket]).then((views) => views.get(ticket.id)),
    ]);
    return { ticket, customer, vehicle, compensations, timeline, sla };
  }

  /** The SLA blocks of some tickets, with business time left on their dealers' calendars. */
  private async slaViews(tickets: Ticket[]) {
    const dealers = await this.tickets.manager.findBy(Dealer, { id: In([...new Set(tickets.map((t) => t.dealerId))]) });
    const calendars = new Map(dealers.map((d) => [d.id, zonedCalendar(d)]));
    return this.timers.views(this.tickets.manager, tickets.map((t) => ({ id: t.id, status: t.status, calendar: calendars.get(t.dealerId)! })), this.clock.now());
  }

  /**
   * The tickets the filters select in the caller's scope, as a query to sort or count;
   * null when the filters ask for a dealer outside the scope. `except` leaves one filter
   * out (to count the other values of that field).
   */
  private filtered(actor: Actor, query: ListTicketsQuery, options: { openOnly?: boolean; searchBy?: SearchBy }, except?: Facet): SelectQueryBuilder<Ticket> | null {
    if (actor.dealerId && query.dealerId && query.dealerId !== actor.dealerId) return null;
    const qb = this.tickets.createQueryBuilder('t');
    const dealerId = actor.dealerId ?? query.dealerId;
    if (dealerId) qb.andWhere('t.dealerId = :dealerId', { dealerId });
    for (const field of ['department', 'stage', 'status', 'severity', 'slaState', 'assigneeId', 'channel'] as const) {
      const value = query[field];
      if (value !== undefined && field !== except) qb.andWhere(`t.${field} = :${field}`, { [field]: value });
    }
    if ((options.openOnly || query.openOnly === 'true') && query.status === undefined && except !== 'status') qb.andWhere("t.status <> 'closed'");
    const search = query.q === undefined ? null : parseTicketSearch(query.q);
    if (search) this.matching(qb, search, options.searchBy ?? 'index');
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
      if (by === 'index') qb.andWhere(`t.id = ANY(ARRAY(SELECT s."ticketId" FROM ticket_search s WHERE ${match}))`, params);
      else qb.andWhere(`EXISTS (SELECT 1 FROM ticket_search s WHERE s."ticketId" = t.id AND ${match})`, params);
      return;
    }
    const params = { search: fts5Query(search.words) };
    if (by === 'index') qb.andWhere(`t.id IN (SELECT k."ticketId" FROM ticket_search s JOIN ticket_search_keys k ON k."key" = s.rowid WHERE ticket_search MATCH :search)`, params);
    // The matches are gathered once (probing the index ticket by ticket would expand each
    // prefix term again per ticket), then each ticket in the queue's order is looked up in them.
    else qb.andWhere(`EXISTS (SELECT 1 FROM ticket_search_keys k WHERE k."ticketId" = t.id AND k."key" IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH :search))`, params);
  }

  /** How the queue reads a word search: from the index unless the words match many tickets (counted no further than that). */
  private async searchBy(query: ListTicketsQuery): Promise<SearchBy> {
    const search = query.q === undefined ? null : parseTicketSearch(query.q);
    if (!search || !('words' in search)) return 'index';
    const limit = this.config.queueSearchWalkAbove;
    const [row]: { n: number | string }[] = this.postgres
      ? await this.tickets.query(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ticket_search s WHERE s.document @@ to_tsquery('simple', amends_search_fold($1)) LIMIT $2) m`, [tsQuery(search.words), limit + 1])
      : await this.tickets.query(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ticket_search WHERE ticket_search MATCH ? LIMIT ?)`, [fts5Query(search.words), limit + 1]);
    return Number(row.n) > limit ? 'walk' : 'index';
  }

  /** For each filterable field, how many tickets each value has under the other filters. */
  async facets(actor: Actor, query: ListTicketsQuery, options: { openOnly?: boolean } = {}): Promise<Record<Facet, Record<string, number>>> {
    const { cursor: _page, sort: _sort, limit: _limit, ...selection } = query;
    const key = JSON.stringify([actor.dealerId ?? null, options.openOnly ?? false, Object.entries(selection).filter(([, v]) => v !== undefined).sort()]);
    return this.facetCounts.get(key, () => this.countFacets(actor, query, options)) as Promise<Record<Facet, Record<string, number>>>;
  }

  private async countFacets(actor: Actor, query: ListTicketsQuery, options: { openOnly?: boolean }): Promise<Record<Facet, Record<string, number>>> {
    const out = Object.fromEntries(FACETS.map((f) => [f, {}])) as Record<Facet, Record<string, number>>;
    const add = (field: Facet, value: string | null, n: number) => (out[field][value ?? 'none'] = (out[field][value ?? 'none'] ?? 0) + n);
    // A field's counts leave out its own filter. Fields without one all count the same
    // tickets, so they share one read grouped by all of them; the others read their own.
    const openOnly = (options.openOnly || query.openOnly === 'true') && query.status === undefined;
    const own = FACETS.filter((f) => query[f] !== undefined || (f === 'status' && openOnly));
    const shared = FACETS.filter((f) => !own.includes(f));
    const groups: Facet[][] = [...(shared.length ? [shared] : []), ...own.map((f) => [f])];
    for (const fields of groups) {
      const qb = this.filtered(actor, query, options, fields.length === 1 ? fields[0] : undefined);
      if (!qb) continue;
      qb.select(fields.map((f) => `t.${f}`)).addSelect('COUNT(*)', 'n');
      const rows: Record<string, string | null>[] = await qb.groupBy(fields.map((f) => `t.${f}`).join(', ')).getRawMany();
      for (const row of rows) for (const f of fields) add(f, row[`t_${f}`], Number(row.n));
    }
    return out;
  }

  /** The queue: filtered, in the caller's scope, sorted, one page after the cursor. */
  async queue(actor: Actor, query: ListTicketsQuery, options: { openOnly?: boolean } = {}): Promise<TicketPage> {
    const sort: Sort = query.sort ?? 'nextDue';
    const limit = query.limit ?? 50;
    const cursor = query.cursor ? decodeCursor(query.cursor, sort) : null;
    const qb = this.filtered(actor, query, { ...options, searchBy: await this.searchBy(query) });
    if (!qb) return { items: [], nextCursor: null };
    // Only what a queue row shows (and its sort keys): the account and the rest stay on disk.
    qb.select(SUMMARY_COLUMNS.map((c) => `t.${c}`));
    const rows = await pageRows(qb, sort, cursor, limit + 1);
    const page = rows.slice(0, limit);
    const sla = await this.slaViews(page);
    const customers = page.length ? await this.customers.find({ where: { id: In([...new Set(page.map((t) => t.customerId))]) }, select: { id: true, name: true } }) : [];
    const byId = new Map(customers.map((c) => [c.id, c]));
    const last = page[page.length - 1];
    return {
      items: page.map((t) => ticketSummaryView(t, byId.get(t.customerId) ?? { id: t.customerId, name: '' }, sla.get(t.id))),
      nextCursor: rows.length > limit && last ? encodeCursor({ sort, key: sortKey(last, sort), id: last.id }) : null,
    };
  }
}

/** Enough for a hint; the rest are a search away. */
const RELATED_LIMIT = 10;

const SUMMARY_COLUMNS = ['id', 'ref', 'dealerId', 'customerId', 'department', 'category', 'channel', 'severity', 'severityRank', 'stage', 'status', 'assigneeId', 'receivedAt', 'createdAt', 'updatedAt', 'escalationLevel', 'saleAtRisk', 'saleAtRiskModel', 'saleAtRiskAmount', 'saleAtRiskCurrency', 'slaState', 'nextDueAt'] as const;

type Facet = (typeof FACETS)[number];
type SearchBy = 'index' | 'walk';
const FACETS = ['status', 'stage', 'severity', 'slaState', 'channel', 'department'] as const;

function sortKey(t: Ticket, sort: Sort): string | number | null {
  if (sort === 'receivedAt') return t.receivedAt.toISOString();
  if (sort === 'severity') return t.severityRank;
  return t.nextDueAt?.toISOString() ?? null;
}

/** Keyset paging: up to `n` rows strictly after the cursor's (key, id) in the sort's order. */
async function pageRows(qb: SelectQueryBuilder<Ticket>, sort: Sort, cursor: QueueCursor | null, n: number): Promise<Ticket[]> {
  if (sort === 'receivedAt') {
    qb.orderBy('t.receivedAt', 'DESC').addOrderBy('t.id', 'DESC');
    if (cursor) qb.andWhere('(t.receivedAt < :ck OR (t.receivedAt = :ck AND t.id < :cid))', { ck: new Date(cursor.key as string), cid: cursor.id });
    return qb.take(n).getMany();
  }
  if (sort === 'severity') {
    qb.orderBy('t.severityRank', 'DESC').addOrderBy('t.id', 'DESC');
    if (cursor) qb.andWhere('(t.severityRank < :ck OR (t.severityRank = :ck AND t.id < :cid))', { ck: Number(cursor.key), cid: cursor.id });
    return qb.take(n).getMany();
  }
  // Soonest deadline first, tickets without one last. Read as two scans in index order
  // (dated by (nextDueAt, id), then undated by id): one ORDER BY … NULLS LAST makes SQLite
  // sort every matching ticket, a million of them in a big queue.
  let dated: Ticket[] = [];
  if (!cursor || cursor.key !== null) {
    const q = qb.clone().andWhere('t.nextDueAt IS NOT NULL').orderBy('t.nextDueAt', 'ASC').addOrderBy('t.id', 'ASC');
    if (cursor) q.andWhere('(t.nextDueAt > :ck OR (t.nextDueAt = :ck AND t.id > :cid))', { ck: new Date(cursor.key as string), cid: cursor.id });
    dated = await q.take(n).getMany();
  }
  if (dated.length >= n) return dated;
  const undated = qb.clone().andWhere('t.nextDueAt IS NULL');
  if (cursor && cursor.key === null) undated.andWhere('t.id > :cid', { cid: cursor.id });
  return [...dated, ...(await undated.orderBy('t.id', 'ASC').take(n - dated.length).getMany())];
}
