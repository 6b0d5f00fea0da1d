import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { invalidateCache, VersionedCache } from '../../common/database/versioned-cache.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { DEPARTMENTS } from './dealer-values.js';
import { DEFAULT_APPROVAL_LIMITS, type ApprovalLimits } from './approval-limits.js';
import { dealerScope, inScope, type Actor } from '../../common/auth/roles.js';
import { calendarProblems, type BusinessCalendar } from './calendar.js';
import type { CreateDealerDto, UpdateDealerDto } from './dealer.dto.js';
import { Dealer } from './dealer.entity.js';
import { cadenceProblems, defaultCadence, normaliseCadence, type CadenceStep } from './contact-cadence.js';

export interface DealerView {
  id: string;
  name: string;
  country: string;
  timeZone: string;
  language: string;
  currency: string;
  /** Shown to the customer on the tracking page. */
  phone: string | null;
  address: string | null;
  calendar: BusinessCalendar;
  departments: string[];
  approvalLimits: ApprovalLimits;
}

/** A dealer's calendar in its own zone, as business-time maths wants it; one object per dealer and change. */
export type DealerCalendar = BusinessCalendar & { timeZone: string };

/** Every dealer, read and parsed once per change: pages and tickets ask for them on every view. */
interface DealerDirectory {
  /** By name, as the lists show them. */
  views: DealerView[];
  byId: Map<string, { dealer: Dealer; view: DealerView; calendar: DealerCalendar }>;
  /** Values made from these dealers (derivedFor), by name and scope: they go when the directory does. */
  derived: Map<string, unknown>;
}

@Injectable()
export class DealersService {
  private readonly directory = new VersionedCache<DealerDirectory>('dealers', async (db) => {
    const rows = await db.getRepository(Dealer).find({ order: { name: 'ASC' } });
    const entries = rows.map((dealer) => ({ dealer, view: toDealerView(dealer), calendar: { ...dealer.calendar, timeZone: dealer.timeZone } }));
    return { views: entries.map((e) => e.view), byId: new Map(entries.map((e) => [e.dealer.id, e])), derived: new Map() };
  });

  constructor(
    @InjectRepository(Dealer) private readonly dealers: Repository<Dealer>,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
  ) {}

  /** The dealers in the actor's scope. The objects are shared: read them, never change them. */
  async listFor(actor: Actor): Promise<DealerView[]> {
    const scope = dealerScope(actor);
    const directory = await this.directory.get(this.dealers.manager);
    if (scope === 'all') return directory.views;
    const entry = directory.byId.get(scope);
    return entry ? [entry.view] : [];
  }

  /**
   * A value made from the dealers in the actor's scope (`make` is pure, and `name` names it),
   * made once per scope and change of the dealers, in whichever process made the change: it
   * is kept with the directory, which goes when the dealers' cache version does. `stamp`:
   * that version as the caller's own statement read it (cacheStamp), one statement less.
   */
  async derivedFor<T>(actor: Actor, name: string, make: (dealers: readonly DealerView[]) => T, stamp?: string | null): Promise<T> {
    const scope = dealerScope(actor);
    const directory = await this.directory.get(this.dealers.manager, stamp);
    const key = `${name}\0${scope}`;
    if (directory.derived.has(key)) return directory.derived.get(key) as T;
    const entry = scope === 'all' ? null : directory.byId.get(scope);
    const value = make(scope === 'all' ? directory.views : entry ? [entry.view] : []);
    directory.derived.set(key, value);
    return value;
  }

  /** A dealer by id; `field` names the input it came from in the error. Shared: read it, never change it. */
  async get(id: string, field = 'dealer'): Promise<Dealer> {
    const entry = (await this.directory.get(this.dealers.manager)).byId.get(id);
    if (!entry) throw new DomainError('dealer.not-found', `${field}: no dealer ${id}`);
    return entry.dealer;
  }

  /** The business calendars of some dealers, in their zones (unknown ids are left out). */
  async calendars(ids: Iterable<string>): Promise<Map<string, DealerCalendar>> {
    const { byId } = await this.directory.get(this.dealers.manager);
    const out = new Map<string, DealerCalendar>();
    for (const id of ids) {
      const entry = byId.get(id);
      if (entry) out.set(id, entry.calendar);
    }
    return out;
  }

  /**
   * Every dealer's calendar by id, after one look at the cache's version: a read can start
   * this beside the query that tells it which dealers it needs (one round trip less), or
   * pass the stamp that query read (cacheStamp('dealers') as a column: one statement less).
   */
  async calendarLookup(stamp?: string | null): Promise<(id: string) => DealerCalendar | undefined> {
    const { byId } = await this.directory.get(this.dealers.manager, stamp);
    return (id) => byId.get(id)?.calendar;
  }

  /** A dealer the actor may see; others are simply not found. */
  async getFor(actor: Actor, id: string): Promise<Dealer> {
    if (!inScope(actor, id)) throw new DomainError('dealer.not-found', `No dealer ${id}`);
    return this.get(id);
  }

  async create(dto: CreateDealerDto): Promise<DealerView> {
    checkDealer(dto);
    const dealer: Dealer = {
      id: randomUUID(),
      name: dto.name.trim(),
      country: dto.country,
      timeZone: dto.timeZone,
      language: dto.language,
      currency: dto.currency,
      phone: dto.phone?.trim() || null,
      address: dto.address?.trim() || null,
      calendar: { weekly: dto.calendar.weekly, holidays: dto.calendar.holidays },
      departments: dto.departments ?? [...DEPARTMENTS],
      approvalLimits: dto.approvalLimits ? { ...dto.approvalLimits } : null,
      contactCadence: null,
      createdAt: this.clock.now(),
    };
    await this.uow.run(async (m) => {
      await m.insert(Dealer, dealer);
      await invalidateCache(m, 'dealers');
    });
    return toDealerView(dealer);
  }

  async update(id: string, dto: UpdateDealerDto): Promise<DealerView> {
    checkDealer(dto);
    return this.uow.run(async (m) => {
      const dealer = await m.findOneBy(Dealer, { id });
      if (!dealer) throw new DomainError('dealer.not-found', `No dealer ${id}`);
      Object.assign(dealer, Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)));
      // A blank phone or address is none, so the customer's page leaves it out.
      dealer.phone = dealer.phone?.trim() || null;
      dealer.address = dealer.address?.trim() || null;
      await m.save(Dealer, dealer);
      await invalidateCache(m, 'dealers');
      return toDealerView(dealer);
    });
  }

  /** The dealer's loyalty cadence (the default until an admin sets one). */
  async contactCadenceFor(actor: Actor, id: string): Promise<{ dealerId: string; steps: CadenceStep[]; isDefault: boolean }> {
    const dealer = await this.getFor(actor, id);
    return { dealerId: dealer.id, steps: contactCadenceOf(dealer), isDefault: !dealer.contactCadence };
  }

  /** Replaces the cadence; journeys already scheduled keep their contacts. Every problem is named, nothing is written. */
  async setContactCadence(actor: Actor, id: string, steps: unknown): Promise<{ dealerId: string; steps: CadenceStep[]; isDefault: boolean }> {
    const dealer = await this.getFor(actor, id);
    const problems = cadenceProblems(steps, dealer.departments);
    if (problems.length) throw new DomainError('cadence.invalid', problems.join('; '), problems);
    const cadence = normaliseCadence(steps as CadenceStep[]);
    await this.uow.run(async (m) => {
      await m.update(Dealer, { id }, { contactCadence: cadence });
      await invalidateCache(m, 'dealers');
    });
    return { dealerId: id, steps: cadence, isDefault: false };
  }
}

export function contactCadenceOf(d: Pick<Dealer, 'contactCadence' | 'departments'>): CadenceStep[] {
  return d.contactCadence ?? defaultCadence(d.departments);
}

/** Fields an update may blank: approvalLimits (back to the defaults), the phone and the address. */
const NULLABLE = new Set(['approvalLimits', 'phone', 'address']);

/** Rules class-validator cannot express: a real time zone and a sound calendar. */
function checkDealer(dto: UpdateDealerDto): void {
  // An update may leave a field out, but not blank it: only approvalLimits may be null (back to the defaults).
  const problems = Object.entries(dto)
    .filter(([k, v]) => v === null && !NULLABLE.has(k))
    .map(([k]) => `${k} must not be null`);
  if (dto.timeZone !== undefined && !DateTime.local().setZone(dto.timeZone).isValid) problems.push(`timeZone ${dto.timeZone} is not an IANA time zone`);
  if (dto.calendar) problems.push(...calendarProblems(dto.calendar));
  if (problems.length) throw new DomainError('dealer.invalid', problems.join('; '), problems);
}

export function toDealerView(d: Dealer): DealerView {
  return {
    id: d.id,
    name: d.name,
    country: d.country,
    timeZone: d.timeZone,
    language: d.language,
    currency: d.currency,
    phone: d.phone,
    address: d.address,
    calendar: d.calendar,
    departments: d.departments,
    approvalLimits: dealerApprovalLimits(d),
  };
}

/** The dealer's own limits, or the defaults. */
export function dealerApprovalLimits(d: Pick<Dealer, 'approvalLimits'>): ApprovalLimits {
  return (d.approvalLimits as ApprovalLimits | null) ?? DEFAULT_APPROVAL_LIMITS;
}
