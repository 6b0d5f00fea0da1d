import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import { at, flag, isoAt, numeric, rawRows } from '../../common/database/row-values.js';
import { insertPlainRows } from '../../common/database/insert-rows.js';
import { jsonColumn, jsonSql, type JsonSql } from '../../common/database/json-sql.js';
import { keepPrepared } from '../../database/sqlite-connections.js';
import { cacheStamp } from '../../common/database/versioned-cache.js';
import { timerViewsJson, type TimerRow } from '../sla/sla-timer.repository.js';
import { updateRows } from '../../common/database/update-rows.js';
import { nextRef, nextRefs } from './ticket-ref.js';
import { Ticket } from './ticket.entity.js';
import { appendEventsOfMany, type EventActor, type NewEvent } from './timeline.js';
import {
  customerView,
  type CompensationView,
  type CustomerView,
  type TicketDetailRecord,
  type TicketRecord,
  type TimelineView,
  type VehicleView,
} from './ticket.presenter.js';
import type { Visibility } from './timeline-event.entity.js';
import type { Status } from './ticket-values.js';
import type { Stage } from './workflow/ticket-workflow.js';

/** A row as the driver returns it: moments Date (PostgreSQL) or text (SQLite), decimals string or number. */
type Raw = Record<string, unknown>;

/** The columns of a queue row (and its sort keys), for a query builder aliased `t`. */
export const QUEUE_COLUMNS = ['id', 'ref', 'dealerId', 'customerId', 'department', 'category', 'channel', 'severity', 'severityRank', 'stage', 'status', 'assigneeId', 'receivedAt', 'createdAt', 'updatedAt', 'escalationLevel', 'saleAtRisk', 'saleAtRiskModel', 'saleAtRiskAmount', 'saleAtRiskCurrency', 'slaState', 'nextDueAt'] as const;

/** A queue row with its sort key, ready for the presenter. */
export type QueueRecord = TicketRecord & { severityRank: number };

/** One place where a ticket row's driver values become the API's (ISO moments, numbers, booleans). */
export function queueRecord(r: Raw): QueueRecord {
  return {
    id: r.id as string,
    ref: r.ref as string,
    dealerId: r.dealerId as string,
    customerId: r.customerId as string,
    department: r.department as string,
    category: r.category as string,
    channel: r.channel as QueueRecord['channel'],
    severity: r.severity as QueueRecord['severity'],
    severityRank: numeric(r.severityRank as number)!,
    stage: r.stage as QueueRecord['stage'],
    status: r.status as QueueRecord['status'],
    assigneeId: r.assigneeId as string | null,
    receivedAt: isoAt(r.receivedAt as string)!,
    createdAt: isoAt(r.createdAt as string)!,
    updatedAt: isoAt(r.updatedAt as string)!,
    escalationLevel: numeric(r.escalationLevel as number)!,
    saleAtRisk: flag(r.saleAtRisk as number)!,
    saleAtRiskModel: r.saleAtRiskModel as string | null,
    saleAtRiskAmount: numeric(r.saleAtRiskAmount as string | null),
    saleAtRiskCurrency: r.saleAtRiskCurrency as string | null,
    slaState: r.slaState as QueueRecord['slaState'],
    nextDueAt: isoAt(r.nextDueAt as string | null),
  };
}

const TICKET_COLUMNS = `${QUEUE_COLUMNS.map((c) => `t."${c}"`).join(', ')}, t."vehicleId", t."account", t."desiredOutcome", t."outcome", t."closedAt",
  c."name" AS "c_name", c."email" AS "c_email", c."phone" AS "c_phone", c."language" AS "c_language", c."consent" AS "c_consent", c."styleOutgoing" AS "c_styleOutgoing", c."styleFactsFirst" AS "c_styleFactsFirst",
  v."id" AS "v_id", v."registration" AS "v_registration", v."vin" AS "v_vin", v."model" AS "v_model",
  ${cacheStamp('dealers')} AS "dealersStamp"`;
const TICKET_FROM = 'FROM tickets t JOIN customers c ON c.id = t."customerId" LEFT JOIN vehicles v ON v.id = t."vehicleId"';
const TICKET_SELECT = `SELECT ${TICKET_COLUMNS} ${TICKET_FROM}`;

/** Other tickets of the dealer on a vehicle with the ticket's VIN that staff are shown: enough for a hint, the rest a search away. */
export const RELATED_LIMIT = 10;

/** A timeline as one JSON array in the API's shape (TimelineView), built by the database: `e` is the event. */
function timelineArray(j: JsonSql): string {
  const actor = j.object([['type', j.str('e."actorType"')], ['id', j.str('e."actorId"')], ['name', j.str('e."actorName"')]]);
  const event = j.object([['id', j.num('e."id"')], ['type', j.str('e."type"')], ['at', j.iso('e."at"')], ['actor', actor], ['visibility', j.str('e."visibility"')], ['data', j.raw('e."data"')]]);
  return j.array(event, 'e."id"');
}

/**
 * The full ticket in one statement: its row, customer and vehicle, and as JSON columns its
 * timeline, compensations (both in their API shapes), timers and the related tickets on a
 * vehicle with its VIN. One round to the database instead of five, and the timeline's rows
 * never become JS objects one by one.
 */
function detailSelect(j: JsonSql): string {
  const compensation = j.object([
    ['id', j.str('k."id"')], ['kind', j.str('k."kind"')], ['value', j.object([['amount', j.num('(k."amount" + 0)')], ['currency', j.str('k."currency"')]])], ['state', j.str('k."state"')], ['note', j.str('k."note"')],
    ['proposedById', j.str('k."proposedById"')], ['decidedById', j.str('k."decidedById"')], ['approvedByRole', j.str('k."approvedByRole"')],
    ['decidedAt', j.iso('k."decidedAt"')], ['deliveredAt', j.iso('k."deliveredAt"')], ['createdAt', j.iso('k."createdAt"')],
  ]);
  // From the VIN's few vehicles through the tickets' vehicle index (a condition on the ticket's
  // dealer here lets SQLite walk all the dealer's tickets newest first instead); the scope checked after.
  const related = `SELECT ${j.array(j.object([['ref', j.str('r.ref')]]), 'r."receivedAt" DESC, r.id DESC')} FROM (
      SELECT t2.ref, t2."receivedAt", t2.id, t2."dealerId" FROM tickets t2
      WHERE t2."vehicleId" IN (SELECT v2.id FROM vehicles v2 JOIN customers c2 ON c2.id = v2."customerId" WHERE v2.vin = v.vin AND c2."dealerId" = t."dealerId")
        AND t2.id <> t.id
      ORDER BY t2."receivedAt" DESC, t2.id DESC LIMIT ${RELATED_LIMIT}) r WHERE r."dealerId" = t."dealerId"`;
  return `SELECT ${TICKET_COLUMNS},
  (SELECT ${timelineArray(j)} FROM timeline_events e WHERE e."ticketId" = t.id) AS "timeline",
  (SELECT ${j.array(compensation, 'k."createdAt"')} FROM compensations k WHERE k."ticketId" = t.id) AS "compensations",
  (${timerViewsJson(j, 't.id')}) AS "timers",
  (${related}) AS "related"
${TICKET_FROM}`;
}

/** Built once per dialect, and kept prepared on SQLite (its prepare cost more than its run). */
const DETAIL_SELECT = new Map<JsonSql, { byRef: string; byRefIn: string; byId: string }>();
function detailSql(j: JsonSql): { byRef: string; byRefIn: string; byId: string } {
  let sql = DETAIL_SELECT.get(j);
  if (!sql) {
    const select = detailSelect(j);
    sql = { byRef: keepPrepared(`${select} WHERE t.ref = ?`), byRefIn: keepPrepared(`${select} WHERE t.ref = ? AND t."dealerId" = ?`), byId: keepPrepared(`${select} WHERE t.id = ?`) };
    DETAIL_SELECT.set(j, sql);
  }
  return sql;
}

/** A ticket with its customer and vehicle, as one row becomes them. */
export interface TicketHead {
  ticket: TicketDetailRecord;
  customer: CustomerView;
  vehicle: VehicleView | null;
  /** The dealers cache's version as this read saw it (null: no version row). */
  dealersStamp: string | null;
}

/** The full ticket as its one statement reads it: the head, and the parts the staff view shows. */
export interface TicketDetail extends TicketHead {
  timeline: TimelineView[];
  compensations: CompensationView[];
  /** Its timers as stored (the SLA view is computed from them at the moment of the read). */
  timers: Omit<TimerRow, 'ticketId'>[];
  relatedByVehicle: { ref: string }[];
}

/** A ticket as a change names it: by its reference, or by its id (system work holds the id). */
export type TicketKey = { ref: string } | { id: string };

/** Whose tickets a change may reach: one dealer's, or all. */
export type TicketScope = string | 'all';

/** The ticket fields a change may set. */
export type TicketPatch = Partial<
  Pick<Ticket, 'stage' | 'status' | 'assigneeId' | 'escalationLevel' | 'outcome' | 'closedAt' | 'nextDueAt' | 'slaState' | 'rootCause' | 'fixedAt' | 'resolvedAt' | 'reopenCount' | 'followUpScore' | 'trackingTokenHash' | 'updatedAt' | 'version'>
>;

/**
 * The tickets' SQL. The reads the desk and the customer wait on: the full ticket and its
 * pieces, read as raw rows and mapped straight to their response shapes (no entities).
 * The write path of TicketTransitionsService: lock, write, append to the timeline, each
 * inside the caller's transaction (the manager it passes), so service specs can swap it
 * for an in-memory one.
 */
@Injectable()
export class TicketRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * The ticket a change is about, locked to the transaction on PostgreSQL (SQLite's one
   * writer holds every row). The scope is part of the lookup, so another dealer's ticket
   * is missed by the same query, in the same time, as an unknown one.
   */
  lockForChange(m: EntityManager, key: TicketKey, scope: TicketScope): Promise<Ticket | null> {
    const qb = m.createQueryBuilder(Ticket, 't').where('ref' in key ? 't.ref = :ref' : 't.id = :id', key);
    if (scope !== 'all') qb.andWhere('t.dealerId = :scope', { scope });
    if (m.connection.options.type === 'postgres') qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /**
   * Locks several tickets at once, in one order (PostgreSQL): each change also locks rows
   * of queue_counts (kept by trigger), and a transaction holding those while it waits for
   * its next ticket could deadlock with a one-ticket change of that ticket.
   */
  async lockAll(m: EntityManager, keys: TicketKey[], scope: TicketScope): Promise<void> {
    if (m.connection.options.type !== 'postgres') return;
    const ids = keys.flatMap((k) => ('id' in k ? [k.id] : []));
    const refs = keys.flatMap((k) => ('ref' in k ? [k.ref] : []));
    const qb = m.createQueryBuilder(Ticket, 't').select('t.id')
      .where(new Brackets((w) => w.where(refs.length ? 't.ref IN (:...refs)' : '1 = 0', { refs }).orWhere(ids.length ? 't.id IN (:...ids)' : '1 = 0', { ids })));
    if (scope !== 'all') qb.andWhere('t.dealerId = :scope', { scope });
    await qb.orderBy('t.id').setLock('pessimistic_write').getMany();
  }

  /**
   * The tickets of a batch, locked to it. Skip, not wait: a ticket another transaction
   * holds is left for the next batch, and a batch never waits in a lock cycle.
   */
  async lockBatch(m: EntityManager, ids: string[]): Promise<Ticket[]> {
    if (!ids.length) return [];
    const qb = m.createQueryBuilder(Ticket, 't').where('t.id IN (:...ids)', { ids }).orderBy('t.id');
    if (m.connection.options.type === 'postgres') qb.setLock('pessimistic_write').setOnLocked('skip_locked');
    return qb.getMany();
  }

  /** A new ticket, with the next reference of its year taken inside the same transaction. */
  nextRef(m: EntityManager, year: number): Promise<string> {
    return nextRef(m, year);
  }

  /** The next `count` references of the year, in order (several tickets logged together). */
  nextRefs(m: EntityManager, year: number, count: number): Promise<string[]> {
    return nextRefs(m, year, count);
  }

  async insert(m: EntityManager, ticket: Ticket): Promise<void> {
    await insertPlainRows(m, Ticket, [ticket]);
  }

  async insertMany(m: EntityManager, tickets: Ticket[]): Promise<void> {
    await insertPlainRows(m, Ticket, tickets);
  }

  async write(m: EntityManager, id: string, patch: TicketPatch): Promise<void> {
    await m.update(Ticket, { id }, patch);
  }

  /** The batch's tickets in a few multi-row statements. */
  async writeMany(m: EntityManager, rows: Ticket[], columns: (keyof Ticket & string)[]): Promise<void> {
    await updateRows(m, Ticket, rows, columns);
  }

  /** Appends to the timelines; history is never edited (the database refuses it). */
  appendEvents(m: EntityManager, actor: EventActor, at: Date, batch: { ticketId: string; events: NewEvent[] }[]): Promise<void> {
    return appendEventsOfMany(m, actor, at, batch);
  }

  /** A ticket by reference, within one dealer unless the caller sees all. */
  async headByRef(ref: string, dealerId: string | 'all'): Promise<TicketHead | null> {
    const rows = dealerId === 'all'
      ? await rawRows<Raw>(this.db, `${TICKET_SELECT} WHERE t.ref = ?`, [ref])
      : await rawRows<Raw>(this.db, `${TICKET_SELECT} WHERE t.ref = ? AND t."dealerId" = ?`, [ref, dealerId]);
    return rows[0] ? head(rows[0]) : null;
  }

  async headById(id: string): Promise<TicketHead | null> {
    const rows = await rawRows<Raw>(this.db, `${TICKET_SELECT} WHERE t.id = ?`, [id]);
    return rows[0] ? head(rows[0]) : null;
  }

  /** The full ticket by reference, within one dealer unless the caller sees all: one statement. */
  async detailByRef(ref: string, dealerId: string | 'all'): Promise<TicketDetail | null> {
    const sql = detailSql(jsonSql(this.db));
    const rows = dealerId === 'all' ? await rawRows<Raw>(this.db, sql.byRef, [ref]) : await rawRows<Raw>(this.db, sql.byRefIn, [ref, dealerId]);
    return rows[0] ? detail(rows[0]) : null;
  }

  async detailById(id: string): Promise<TicketDetail | null> {
    const rows = await rawRows<Raw>(this.db, detailSql(jsonSql(this.db)).byId, [id]);
    return rows[0] ? detail(rows[0]) : null;
  }

  /** The timeline of a ticket in the order it happened; the customer's part only when asked. */
  async timeline(ticketId: string, only?: Visibility): Promise<TimelineView[]> {
    const sql = `SELECT ${timelineArray(jsonSql(this.db))} AS "timeline" FROM timeline_events e WHERE e."ticketId" = ?`;
    const [row] = only ? await rawRows<Raw>(this.db, `${sql} AND e."visibility" = ?`, [ticketId, only]) : await rawRows<Raw>(this.db, sql, [ticketId]);
    return jsonColumn<TimelineView[]>(row.timeline);
  }

  /** What the customer's tracking view reads of a ticket besides the ticket: their language and the events they may see, in one statement. */
  async customerSide(ticket: { id: string; customerId: string }): Promise<{ language: string | null; timeline: TimelineView[] }> {
    const [row] = await rawRows<Raw>(
      this.db,
      `SELECT (SELECT c."language" FROM customers c WHERE c.id = ?) AS "language",
        (SELECT ${timelineArray(jsonSql(this.db))} FROM timeline_events e WHERE e."ticketId" = ? AND e."visibility" = 'customer') AS "timeline"`,
      [ticket.customerId, ticket.id],
    );
    return { language: (row.language as string | null) ?? null, timeline: jsonColumn<TimelineView[]>(row.timeline) };
  }

  /** The ticket a tracking token's hash opens, with what the customer's side needs of it. */
  async trackedByHash(tokenHash: string): Promise<TrackedTicket | null> {
    const [row] = await rawRows<Raw>(this.db, `${TRACKED_SELECT} WHERE "trackingTokenHash" = ?`, [tokenHash]);
    return row ? tracked(row) : null;
  }

  async trackedById(id: string): Promise<TrackedTicket | null> {
    const [row] = await rawRows<Raw>(this.db, `${TRACKED_SELECT} WHERE "id" = ?`, [id]);
    return row ? tracked(row) : null;
  }

  /** Several tickets for the tracking view at once (the outbox enriches a batch of mails with one read). */
  async trackedByIds(ids: string[]): Promise<Map<string, TrackedTicket>> {
    if (!ids.length) return new Map();
    const rows = await rawRows<Raw>(this.db, `${TRACKED_SELECT} WHERE "id" IN (${ids.map(() => '?').join(', ')})`, ids);
    return new Map(rows.map((row) => { const t = tracked(row); return [t.id, t]; }));
  }

  /** Whether the ticket's timeline holds an event of this type. */
  async hasEvent(ticketId: string, type: string): Promise<boolean> {
    const rows = await rawRows(this.db, 'SELECT 1 AS "one" FROM timeline_events WHERE "ticketId" = ? AND "type" = ? LIMIT 1', [ticketId, type]);
    return rows.length > 0;
  }
}

/** What the customer's tracking link needs of its ticket. */
export interface TrackedTicket {
  id: string;
  ref: string;
  dealerId: string;
  customerId: string;
  stage: Stage;
  status: Status;
  trackingTokenHash: string;
  nextDueAt: string | null;
  closedAt: Date | null;
}

const TRACKED_SELECT = 'SELECT "id", "ref", "dealerId", "customerId", "stage", "status", "trackingTokenHash", "nextDueAt", "closedAt" FROM tickets';

function tracked(r: Raw): TrackedTicket {
  return {
    id: r.id as string,
    ref: r.ref as string,
    dealerId: r.dealerId as string,
    customerId: r.customerId as string,
    stage: r.stage as Stage,
    status: r.status as Status,
    trackingTokenHash: r.trackingTokenHash as string,
    nextDueAt: isoAt(r.nextDueAt as string | null),
    closedAt: at(r.closedAt as string | null),
  };
}

function detail(r: Raw): TicketDetail {
  return {
    ...head(r),
    timeline: jsonColumn<TimelineView[]>(r.timeline),
    compensations: jsonColumn<CompensationView[]>(r.compensations),
    timers: jsonColumn<Omit<TimerRow, 'ticketId'>[]>(r.timers),
    relatedByVehicle: jsonColumn<{ ref: string }[]>(r.related),
  };
}

function head(r: Raw): TicketHead {
  return {
    ticket: {
      ...queueRecord(r),
      vehicleId: r.vehicleId as string | null,
      account: r.account as string,
      desiredOutcome: r.desiredOutcome as string | null,
      outcome: r.outcome as string | null,
      closedAt: isoAt(r.closedAt as string | null),
    },
    customer: customerView({
      id: r.customerId as string,
      name: r.c_name as string,
      email: r.c_email as string | null,
      phone: r.c_phone as string | null,
      language: r.c_language as string,
      consent: flag(r.c_consent as number)!,
      styleOutgoing: flag(r.c_styleOutgoing as number | null),
      styleFactsFirst: flag(r.c_styleFactsFirst as number | null),
    }),
    vehicle: r.v_id ? { id: r.v_id as string, registration: r.v_registration as string | null, vin: r.v_vin as string | null, model: r.v_model as string | null } : null,
    dealersStamp: (r.dealersStamp as string | null) ?? null,
  };
}
