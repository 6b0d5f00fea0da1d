/**
 * How long each write transaction holds the writer (SQLite: from its `BEGIN IMMEDIATE` to its
 * COMMIT or ROLLBACK, every other transaction of every worker waiting meanwhile; PostgreSQL:
 * how long it stays open, holding its row locks). Issue 15 promises no transaction on the
 * request path or in a job holds it past 50 ms at 1 M tickets: this is how that is seen, in
 * the log (`WRITER_HOLD_WARN_MS`) and at `GET /api/admin/writer-holds`.
 */

/** One transaction that was among the longest. */
export interface WriterHold {
  label: string;
  ms: number;
  /** Of `ms`, the time in statements (SQLite's writer): the rest was waiting for the event loop between them. */
  statementsMs?: number;
  /** Its slowest statement (SQLite's writer; COMMIT included: a WAL checkpoint runs in the COMMIT that crosses its threshold). */
  slowest?: { sql: string; ms: number };
  at: string;
}

/** What the writer connection tells of a transaction's statements. */
export interface Statements {
  ms: number;
  slowestMs: number;
  slowestSql: string;
}

/** The start of a statement, enough to know it (values are parameters, never in it). */
const sqlHead = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 80);

/** Every transaction of one label. */
export interface LabelHolds {
  label: string;
  count: number;
  maxMs: number;
  totalMs: number;
}

export interface WriterHoldsSnapshot {
  since: string;
  transactions: number;
  totalMs: number;
  longest: WriterHold[];
  byLabel: LabelHolds[];
}

/** Labels kept apart; past this, new ones are counted under one, so a bug naming each transaction apart cannot grow memory. */
const MAX_LABELS = 200;
const OTHER = 'other';

const round = (ms: number) => Math.round(ms * 100) / 100;

/** The longest holds since `since` (or the last reset), and per label how many, how long in all and at most. */
export class WriterHoldsRecorder {
  private since: Date;
  private transactions = 0;
  private totalMs = 0;
  private longest: WriterHold[] = [];
  private readonly labels = new Map<string, LabelHolds>();

  constructor(
    since: Date,
    private readonly keep = 10,
  ) {
    this.since = since;
  }

  /** Records one transaction. */
  record(label: string, ms: number, at: Date, statements?: Statements): void {
    this.transactions++;
    this.totalMs += ms;
    const key = this.labels.has(label) || this.labels.size < MAX_LABELS ? label : OTHER;
    let of = this.labels.get(key);
    if (!of) this.labels.set(key, (of = { label: key, count: 0, maxMs: 0, totalMs: 0 }));
    of.count++;
    of.totalMs += ms;
    if (ms > of.maxMs) of.maxMs = ms;
    // Most transactions are shorter than the shortest kept: one comparison.
    if (this.longest.length >= this.keep && ms <= this.longest[this.longest.length - 1].ms) return;
    const hold: WriterHold = {
      label,
      ms: round(ms),
      ...(statements === undefined ? {} : { statementsMs: round(statements.ms), slowest: { sql: sqlHead(statements.slowestSql), ms: round(statements.slowestMs) } }),
      at: at.toISOString(),
    };
    const i = this.longest.findIndex((h) => h.ms < hold.ms);
    this.longest.splice(i < 0 ? this.longest.length : i, 0, hold);
    if (this.longest.length > this.keep) this.longest.pop();
  }

  snapshot(): WriterHoldsSnapshot {
    return {
      since: this.since.toISOString(),
      transactions: this.transactions,
      totalMs: round(this.totalMs),
      longest: this.longest.map((h) => ({ ...h })),
      byLabel: [...this.labels.values()].map((l) => ({ ...l, maxMs: round(l.maxMs), totalMs: round(l.totalMs) })).sort((a, b) => b.maxMs - a.maxMs),
    };
  }

  /** Forgets everything: the figures start again from `at` (the bench measures each phase apart). */
  reset(at: Date): void {
    this.since = at;
    this.transactions = 0;
    this.totalMs = 0;
    this.longest = [];
    this.labels.clear();
  }
}

/** Above the threshold (milliseconds; 0 logs every one). */
export const isSlowHold = (ms: number, warnAboveMs: number): boolean => ms > warnAboveMs;

/** The log line of a slow one. */
export function slowHoldMessage(label: string, ms: number, engine: 'sqlite' | 'postgres', statements?: Statements): string {
  const held = engine === 'sqlite' ? 'held the writer' : 'kept its transaction open';
  const share = statements === undefined ? '' : ` (${Math.round(statements.ms)} ms of it in statements, the slowest ${Math.round(statements.slowestMs)} ms: ${sqlHead(statements.slowestSql)})`;
  return `slow write transaction: ${label} ${held} ${Math.round(ms)} ms${share}`;
}

/** The frames of a captured stack, as V8 hands them to Error.prepareStackTrace. */
export interface Frame {
  getTypeName(): string | null;
  getFunctionName(): string | null;
  getMethodName(): string | null;
  getFileName(): string | undefined | null;
  getLineNumber(): number | null;
}

/**
 * The label of a transaction that was given none: the code that began it, as "Class.method"
 * and the one that called that ("TicketTransitionsService.applyBatch < SlaSweepService.sweepBatch").
 * Frames of `skipType` (the unit of work itself) are passed over.
 */
export function labelOfFrames(frames: readonly Frame[], skipType: string): string {
  const names: string[] = [];
  for (const f of frames) {
    const type = f.getTypeName();
    if (type === skipType) continue;
    const fn = f.getFunctionName() ?? f.getMethodName();
    let name: string;
    if (fn && type && type !== 'Object' && !fn.startsWith(`${type}.`)) name = `${type}.${fn}`;
    else if (fn) name = fn;
    else {
      const file = (f.getFileName() ?? '').split('/').pop()?.replace(/\.[cm]?js$/, '') ?? '';
      if (!file || file.startsWith('node:')) continue;
      name = `${file}:${f.getLineNumber() ?? 0}`;
    }
    if (names[names.length - 1] !== name) names.push(name);
    if (names.length === 2) break;
  }
  return names.join(' < ') || 'unknown';
}

/** Captures where a transaction began (a few microseconds; the frames are named only when read). */
export function captureSite(below: (...args: never[]) => unknown): object {
  const site = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 6;
  Error.captureStackTrace(site, below);
  Error.stackTraceLimit = limit;
  return site;
}

/** The frames of a captured site. */
export function framesOf(site: object): Frame[] {
  const prepare = Error.prepareStackTrace;
  Error.prepareStackTrace = (_e, frames) => frames;
  try {
    const frames = (site as { stack?: unknown }).stack;
    return Array.isArray(frames) ? (frames as Frame[]) : [];
  } finally {
    Error.prepareStackTrace = prepare;
  }
}
