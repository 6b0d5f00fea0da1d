import { transition, type Machine, type Outcome } from '../../common/state-machine/transition-table.js';

/**
 * The life of an improvement: proposed → in-progress → done → verified, or dropped (with a
 * reason) before it is done. Pure: no Nest, no database.
 */
export const IMPROVEMENT_STATUSES = ['proposed', 'in-progress', 'done', 'verified', 'dropped'] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

/** Open: still to be carried out (hides the suggestion of its cause, can be overdue). */
export const OPEN_STATUSES: readonly ImprovementStatus[] = ['proposed', 'in-progress'];
export const isOpen = (s: ImprovementStatus): boolean => OPEN_STATUSES.includes(s);

/** The effect is judged on whole weeks: verified is offered once this many have passed since done. */
export const VERIFY_AFTER_WEEKS = 6;
const WEEK_MS = 7 * 24 * 3600 * 1000;

export interface MoveContext {
  now: Date;
  doneAt: Date | null;
  note?: string | null;
}

type Guard = 'reason-given' | 'six-weeks-since-done';
type Code = 'improvement.invalid-state' | 'improvement.note.invalid';

export const IMPROVEMENT_MACHINE: Machine<ImprovementStatus, ImprovementStatus, ImprovementStatus, Guard, MoveContext, Code> = {
  table: {
    proposed: { 'in-progress': { to: 'in-progress' }, dropped: { to: 'dropped', guards: ['reason-given'] } },
    'in-progress': { done: { to: 'done' }, dropped: { to: 'dropped', guards: ['reason-given'] } },
    done: { verified: { to: 'verified', guards: ['six-weeks-since-done'] } },
    verified: {},
    dropped: {},
  },
  guards: {
    'reason-given': {
      says: 'a reason is given (note)',
      check: (c) => (c.note?.trim() ? { ok: true } : { ok: false, code: 'improvement.note.invalid', message: 'note: give the reason for dropping the improvement' }),
    },
    'six-weeks-since-done': {
      says: `${VERIFY_AFTER_WEEKS} weeks have passed since it was done`,
      check: (c) =>
        verifiableAt(c.doneAt) && c.now.getTime() >= verifiableAt(c.doneAt)!.getTime()
          ? { ok: true }
          : { ok: false, code: 'improvement.invalid-state', message: `An improvement can be verified once ${VERIFY_AFTER_WEEKS} weeks have passed since it was done (from ${verifiableAt(c.doneAt)?.toISOString().slice(0, 10) ?? '—'})` },
    },
  },
  refuse: (from, to) => ({
    ok: false,
    code: 'improvement.invalid-state',
    message: from === to ? `The improvement is already ${from}` : `An improvement that is ${from} cannot become ${to}${nextOf(from).length ? ` (it can become ${nextOf(from).join(' or ')})` : ' (it is final)'}`,
  }),
};

/** When an improvement done at `doneAt` may be verified. */
export function verifiableAt(doneAt: Date | null): Date | null {
  return doneAt ? new Date(doneAt.getTime() + VERIFY_AFTER_WEEKS * WEEK_MS) : null;
}

/** The statuses the table lists after `from` (guards aside). */
export function nextOf(from: ImprovementStatus): ImprovementStatus[] {
  return Object.keys(IMPROVEMENT_MACHINE.table[from]) as ImprovementStatus[];
}

export function move(from: ImprovementStatus, to: ImprovementStatus, ctx: MoveContext): Outcome<ImprovementStatus, Code> {
  return transition(IMPROVEMENT_MACHINE, from, to, ctx);
}

/** The moves to offer as buttons now: those the table and its guards allow (dropping asks for its reason in the form). */
export function offeredMoves(from: ImprovementStatus, ctx: Omit<MoveContext, 'note'>): ImprovementStatus[] {
  return nextOf(from).filter((to) => move(from, to, { ...ctx, note: 'offered' }).ok);
}
