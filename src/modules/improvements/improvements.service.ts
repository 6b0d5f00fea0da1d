import { Injectable, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { insertRows } from '../../common/database/insert-rows.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { DealersService } from '../dealers/dealers.service.js';
import { TicketPageExtras } from '../tickets/pages/ticket-page-extras.js';
import { dealerScope, type Actor } from '../users/roles.js';
import type { ZonedCalendar } from '../sla/business-time.js';
import { Improvement, ImprovementEvent, ImprovementTicket, type ImprovementEventType } from './improvement.entity.js';
import { IMPROVEMENT_WRITERS, mayManage, maySee } from './improvement-access.js';
import { IMPORTER_CALENDAR, isOverdue } from './improvement-deadlines.js';
import { effectOf, effectRange, type Effect } from './improvement-effect.js';
import { suggestionWindow, toSuggestions, type Suggestion } from './improvement-suggestions.js';
import { isOpen, move, offeredMoves, verifiableAt, type ImprovementStatus } from './improvement-workflow.js';
import type { CreateImprovementDto, ListImprovementsQuery } from './improvement.dto.js';
import { ImprovementRepository } from './improvement.repository.js';

export interface ImprovementView {
  id: string;
  title: string;
  dealerId: string | null;
  dealerName: string | null;
  department: string;
  rootCause: string;
  ownerId: string;
  ownerName: string | null;
  dueDate: string;
  status: ImprovementStatus;
  overdue: boolean;
  dropReason: string | null;
  doneAt: string | null;
  createdAt: string;
}

export interface ImprovementDetail extends ImprovementView {
  tickets: { ref: string; dealerId: string; department: string; rootCause: string | null; status: string; stage: string }[];
  history: { type: string; at: string; actorName: string | null; data: Record<string, unknown> }[];
  effect: Effect | null;
  /** The moves the table and its guards allow now (verified only once 6 weeks have passed since done). */
  moves: ImprovementStatus[];
  verifiableFrom: string | null;
}

/** Improvements: the outer loop. Scope as for tickets: another dealer's improvement is as unknown. */
@Injectable()
export class ImprovementsService implements OnModuleInit {
  constructor(
    private readonly repo: ImprovementRepository,
    private readonly dealers: DealersService,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly ticketPage: TicketPageExtras,
  ) {}

  /** The ticket page lists the improvements a ticket is linked to. */
  onModuleInit(): void {
    this.ticketPage.register(async (actor, ticket) => ({ linkedImprovements: await this.ofTicket(actor, ticket.id) }));
  }

  async create(actor: Actor, dto: CreateImprovementDto): Promise<ImprovementDetail> {
    this.mustWrite(actor);
    if (dto.dealerId !== null && !(await this.dealerExists(dto.dealerId))) throw new DomainError('improvement.invalid', `dealerId: no dealer ${dto.dealerId}`);
    if (!mayManage(actor, { dealerId: dto.dealerId, department: dto.department })) {
      throw new DomainError('improvement.forbidden', dto.dealerId === null ? 'Only quality managers and principals open improvements for all dealers' : 'You may open improvements only for your own dealer and department');
    }
    if (dto.dealerId !== null) {
      const dealer = await this.dealers.get(dto.dealerId);
      if (!dealer.departments.includes(dto.department)) throw new DomainError('improvement.invalid', `department: ${dealer.name} has no department ${dto.department}`);
    }
    const now = this.clock.now();
    const id = randomUUID();
    await this.uow.run(async (m) => {
      await this.checkOwner(m, dto.ownerId, dto.dealerId);
      const tickets = await this.resolveTickets(m, actor, dto.dealerId, dto.ticketRefs ?? [], 'ticketRefs');
      const row: Improvement = {
        id, title: dto.title.trim(), dealerId: dto.dealerId, department: dto.department, rootCause: dto.rootCause, ownerId: dto.ownerId, dueDate: dto.dueDate,
        status: 'proposed', dropReason: null, doneAt: null, createdById: actor.id, createdAt: now, updatedAt: now, ownerNotifiedAt: null, managersNotifiedAt: null,
      };
      await insertRows(m, Improvement, row);
      await this.link(m, id, tickets.map((t) => t.id), now);
      await appendEvent(m, id, 'created', now, actor, { status: 'proposed', tickets: tickets.map((t) => t.ref) });
    });
    return this.get(actor, id);
  }

  async list(actor: Actor, q: ListImprovementsQuery): Promise<ImprovementView[]> {
    if (q.dealerId) await this.dealers.getFor(actor, q.dealerId);
    const rows = await this.repo.list(dealerScope(actor), q);
    const views = await this.views(rows);
    // Overdue first, then open before closed, then by due date.
    return views.sort((a, b) => Number(b.overdue) - Number(a.overdue) || Number(isOpen(b.status)) - Number(isOpen(a.status)) || a.dueDate.localeCompare(b.dueDate));
  }

  async get(actor: Actor, id: string): Promise<ImprovementDetail> {
    const imp = await this.visible(actor, id);
    const now = this.clock.now();
    const [[view], tickets, history] = await Promise.all([this.views([imp]), this.repo.linkedTickets(id, dealerScope(actor)), this.repo.history(id)]);
    let effect: Effect | null = null;
    if (imp.doneAt) {
      const { from, to } = effectRange(imp.doneAt, now);
      effect = effectOf(imp.doneAt, now, await this.repo.fixedTimes(imp, from, to));
    }
    return {
      ...view,
      tickets: tickets.map(({ receivedAt: _r, ...t }) => t),
      history: history.map((e) => ({ type: e.type, at: e.at.toISOString(), actorName: e.actorName, data: e.data })),
      effect,
      moves: mayManage(actor, imp) ? offeredMoves(imp.status, { now, doneAt: imp.doneAt }) : [],
      verifiableFrom: verifiableAt(imp.doneAt)?.toISOString() ?? null,
    };
  }

  async setStatus(actor: Actor, id: string, to: ImprovementStatus, note?: string): Promise<ImprovementDetail> {
    this.mustWrite(actor);
    await this.uow.run(async (m) => {
      const imp = await this.visible(actor, id, m);
      this.mustManage(actor, imp);
      const now = this.clock.now();
      const outcome = move(imp.status, to, { now, doneAt: imp.doneAt, note });
      if (!outcome.ok) throw new DomainError(outcome.code, outcome.message);
      const patch: Partial<Improvement> = { status: to, updatedAt: now };
      if (to === 'done') patch.doneAt = now;
      if (to === 'dropped') patch.dropReason = note!.trim();
      // Claimed on the status read: a concurrent move of the same improvement makes this one a conflict.
      const claimed = await m.createQueryBuilder().update(Improvement).set(patch).where('id = :id AND status = :from', { id, from: imp.status }).execute();
      if (claimed.affected !== 1) throw new DomainError('improvement.conflict', 'The improvement was changed meanwhile; reload it');
      await appendEvent(m, id, 'status-changed', now, actor, { from: imp.status, to, note: note?.trim() || null });
    });
    return this.get(actor, id);
  }

  async linkTickets(actor: Actor, id: string, refs: string[]): Promise<ImprovementDetail> {
    this.mustWrite(actor);
    await this.uow.run(async (m) => {
      const imp = await this.visible(actor, id, m);
      this.mustManage(actor, imp);
      if (imp.status === 'verified' || imp.status === 'dropped') throw new DomainError('improvement.invalid-state', `An improvement that is ${imp.status} takes no more tickets`);
      const now = this.clock.now();
      const tickets = await this.resolveTickets(m, actor, imp.dealerId, refs, 'refs');
      const linked = await this.repo.linkedIds(id, m);
      const fresh = tickets.filter((t) => !linked.has(t.id));
      if (!fresh.length) return;
      await this.link(m, id, fresh.map((t) => t.id), now);
      await appendEvent(m, id, 'tickets-linked', now, actor, { tickets: fresh.map((t) => t.ref) });
    });
    return this.get(actor, id);
  }

  /** Suggestions in the caller's scope (optionally one dealer's). */
  async suggestions(actor: Actor, dealerId?: string): Promise<Suggestion[]> {
    if (dealerId) await this.dealers.getFor(actor, dealerId);
    const only = dealerId ?? actor.dealerId;
    const { from, to } = suggestionWindow(this.clock.now());
    const groups = await this.repo.suggestionGroups(from, to, only);
    const refs = await this.repo.fixedRefs(from, to, [...new Set(groups.map((g) => g.dealerId))]);
    return toSuggestions(groups, refs);
  }

  /**
   * The dashboard's panel: open improvements (overdue first, at most 8) with the counts of
   * open and overdue ones, and the suggestions with what their one-click form needs.
   */
  async dashboardPanel(actor: Actor, dealerId?: string) {
    const open = (await this.list(actor, dealerId ? { dealerId } : {})).filter((i) => isOpen(i.status));
    const dealers = new Map((await this.dealers.listFor(actor)).map((d) => [d.id, d.name]));
    const suggestions = (await this.suggestions(actor, dealerId)).map((s) => ({ ...s, dealerName: dealers.get(s.dealerId) ?? s.dealerId, refs: s.ticketRefs.join(' '), mayOpen: IMPROVEMENT_WRITERS.includes(actor.role) && mayManage(actor, s) }));
    return {
      open: open.slice(0, 8), openCount: open.length, overdueCount: open.filter((i) => i.overdue).length, suggestions,
      mayWrite: IMPROVEMENT_WRITERS.includes(actor.role), dueDefault: new Date(this.clock.now().getTime() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10),
    };
  }

  /** The improvements a ticket is linked to, for its page (the ticket is already in the caller's scope). */
  async ofTicket(actor: Actor, ticketId: string): Promise<ImprovementView[]> {
    return this.views((await this.repo.ofTicket(ticketId)).filter((i) => maySee(actor, i)));
  }

  /** The dealer's zone and calendar for an improvement's deadline (all dealers: the importer's). */
  async calendarOf(dealerId: string | null): Promise<ZonedCalendar> {
    if (!dealerId) return IMPORTER_CALENDAR;
    return (await this.dealers.calendars([dealerId])).get(dealerId) ?? IMPORTER_CALENDAR;
  }

  /** Views of rows already read (the deadline sweep's mails). */
  viewsFor(rows: Improvement[]): Promise<ImprovementView[]> {
    return this.views(rows);
  }

  private async views(rows: Improvement[]): Promise<ImprovementView[]> {
    const now = this.clock.now();
    const owners = new Map((await this.repo.users(rows.map((r) => r.ownerId))).map((u) => [u.id, u.name]));
    const dealerIds = [...new Set(rows.flatMap((r) => (r.dealerId ? [r.dealerId] : [])))];
    const calendars = await this.dealers.calendars(dealerIds);
    const names = new Map<string, string>();
    for (const id of dealerIds) names.set(id, (await this.dealers.get(id)).name);
    return rows.map((r) => ({
      id: r.id, title: r.title, dealerId: r.dealerId, dealerName: r.dealerId ? (names.get(r.dealerId) ?? null) : null, department: r.department, rootCause: r.rootCause,
      ownerId: r.ownerId, ownerName: owners.get(r.ownerId) ?? null, dueDate: r.dueDate, status: r.status,
      overdue: isOpen(r.status) && isOverdue(r.dueDate, (r.dealerId && calendars.get(r.dealerId)) || IMPORTER_CALENDAR, now),
      dropReason: r.dropReason, doneAt: r.doneAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString(),
    }));
  }

  private async visible(actor: Actor, id: string, m?: EntityManager): Promise<Improvement> {
    const imp = await this.repo.byId(id, m);
    if (!imp || !maySee(actor, imp)) throw new DomainError('improvement.not-found', `No improvement ${id}`);
    return imp;
  }

  private mustWrite(actor: Actor): void {
    if (!IMPROVEMENT_WRITERS.includes(actor.role)) throw new DomainError('improvement.forbidden', 'Your role may read improvements but not change them');
  }

  private mustManage(actor: Actor, imp: Improvement): void {
    if (!mayManage(actor, imp)) throw new DomainError('improvement.forbidden', 'You may change only improvements of your own dealer and department');
  }

  private async dealerExists(id: string): Promise<boolean> {
    return this.dealers.get(id).then(() => true, () => false);
  }

  /** The owner: an active user who sees the improvement's dealer (for all dealers: an importer-wide user). */
  private async checkOwner(m: EntityManager, ownerId: string, dealerId: string | null): Promise<void> {
    const [owner] = await this.repo.users([ownerId], m);
    if (!owner || !owner.active || (owner.dealerId !== null && owner.dealerId !== dealerId)) {
      throw new DomainError('improvement.invalid', `ownerId: no active user ${ownerId} who works for ${dealerId ? 'this dealer' : 'all dealers'}`);
    }
  }

  /** Tickets by reference: each must exist in the caller's scope and belong to the improvement's dealer. */
  private async resolveTickets(m: EntityManager, actor: Actor, dealerId: string | null, refs: string[], field: string) {
    const wanted = [...new Set(refs.map((r) => r.toUpperCase()))];
    const found = await this.repo.ticketsByRef(wanted, dealerScope(actor), m);
    const usable = found.filter((t) => dealerId === null || t.dealerId === dealerId);
    const missing = wanted.filter((r) => !usable.some((t) => t.ref === r));
    if (missing.length) throw new DomainError('improvement.invalid', `${field}: no ticket ${missing.join(', ')} at this improvement's dealer`, missing.map((r) => `${field}: no ticket ${r} at this improvement's dealer`));
    return usable;
  }

  private async link(m: EntityManager, improvementId: string, ticketIds: string[], now: Date): Promise<void> {
    if (!ticketIds.length) return;
    await insertRows(m, ImprovementTicket, ticketIds.map((ticketId) => ({ id: randomUUID(), improvementId, ticketId, linkedAt: now })));
  }
}

/** One entry of an improvement's history (append-only). */
export async function appendEvent(m: EntityManager, improvementId: string, type: ImprovementEventType, at: Date, actor: { id: string; name: string } | null, data: Record<string, unknown>): Promise<void> {
  await insertRows(m, ImprovementEvent, { improvementId, type, at, actorId: actor?.id ?? null, actorName: actor?.name ?? null, data: data as never });
}
