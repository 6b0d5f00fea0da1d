import { describe, expect, it } from 'vitest';
import {
  afterComplete, canComplete, canRate, canReopen, canResume, canWait, completeInOrder, landing, STAGES, TICKET_WORKFLOW,
  type Stage, type WorkflowEvent, type WorkflowState, type WorkflowStatus,
} from './ticket-workflow.js';
import { rowOf, transition } from '../../../common/state-machine/transition-table.js';

const open = (stage: Stage): WorkflowState => ({ stage, status: stage === 'follow-up' || stage === 'closed' ? 'resolved' : 'open' });
const DAY = 86_400_000;

describe('the stage table', () => {
  it('allows exactly the current stage and refuses every other, naming why', () => {
    for (const current of STAGES) {
      for (const target of STAGES) {
        const check = canComplete(open(current), target);
        const [ci, ti] = [STAGES.indexOf(current), STAGES.indexOf(target)];
        if (ti === ci) expect(check, `${current}→${target}`).toEqual({ ok: true });
        else if (ti > ci) expect(check, `${current}→${target}`).toMatchObject({ ok: false, code: 'stage.out-of-order' });
        else expect(check, `${current}→${target}`).toMatchObject({ ok: false, code: 'stage.invalid-state', message: `Stage ${target} is already completed` });
      }
    }
  });

  it('names every skipped stage', () => {
    expect(canComplete(open('listen'), 'compensate')).toEqual({
      ok: false,
      code: 'stage.out-of-order',
      message: 'Stage compensate cannot be completed before listen, apologise, fix',
    });
  });

  it('moves through the stages in order, resolving at compensate and closing at the end', () => {
    let state: WorkflowState = { stage: 'listen', status: 'open' };
    const seen: [Stage, WorkflowStatus][] = [];
    for (const target of STAGES) {
      state = afterComplete(state, target, 5);
      seen.push([state.stage, state.status]);
    }
    expect(seen).toEqual([
      ['apologise', 'open'],
      ['fix', 'open'],
      ['compensate', 'open'],
      ['follow-up', 'resolved'],
      ['closed', 'resolved'],
      ['closed', 'closed'],
    ]);
  });

  it.each([
    [1, 'fix', 'open'],
    [2, 'fix', 'open'],
    [3, 'closed', 'resolved'],
    [4, 'closed', 'resolved'],
    [5, 'closed', 'resolved'],
  ])('a follow-up score of %i leads to %s / %s', (score, stage, status) => {
    expect(afterComplete(open('follow-up'), 'follow-up', score)).toEqual({ stage, status });
  });

  it('completes several stages in one sitting, but stops at the first that would skip', () => {
    expect(completeInOrder(open('listen'), ['listen', 'apologise'])).toEqual({ state: { stage: 'fix', status: 'open' }, check: { ok: true } });
    const skipped = completeInOrder(open('listen'), ['apologise']);
    expect(skipped.check).toMatchObject({ ok: false, code: 'stage.out-of-order' });
    expect(skipped.state).toEqual(open('listen'));
  });

  it('refuses everything on a closed ticket and on one waiting for the customer', () => {
    for (const target of STAGES) {
      expect(canComplete({ stage: 'closed', status: 'closed' }, target)).toMatchObject({ ok: false, code: 'stage.invalid-state' });
      expect(canComplete({ stage: 'fix', status: 'waiting-on-customer' }, target)).toMatchObject({ ok: false, code: 'stage.invalid-state' });
    }
  });
});

describe('reopen, wait and resume', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  it('lets staff reopen a resolved or closed ticket at any time', () => {
    expect(canReopen({ stage: 'follow-up', status: 'resolved' }, 'staff', null, now)).toEqual({ ok: true });
    expect(canReopen({ stage: 'closed', status: 'closed' }, 'staff', new Date(now.getTime() - 400 * DAY), now)).toEqual({ ok: true });
  });
  it('lets the customer reopen within 30 days of closing, not after', () => {
    const closed: WorkflowState = { stage: 'closed', status: 'closed' };
    expect(canReopen(closed, 'customer', new Date(now.getTime() - 30 * DAY), now)).toEqual({ ok: true });
    expect(canReopen(closed, 'customer', new Date(now.getTime() - 30 * DAY - 1), now)).toMatchObject({ ok: false });
    expect(canReopen({ stage: 'follow-up', status: 'resolved' }, 'customer', null, now)).toEqual({ ok: true });
  });
  it('refuses to reopen what is still open', () => {
    for (const stage of ['listen', 'apologise', 'fix', 'compensate'] as Stage[]) {
      expect(canReopen(open(stage), 'staff', null, now)).toMatchObject({ ok: false, code: 'stage.invalid-state' });
    }
  });
  it('waits only from open and resumes only from waiting', () => {
    expect(canWait({ stage: 'fix', status: 'open' })).toEqual({ ok: true });
    for (const status of ['waiting-on-customer', 'resolved', 'closed'] as WorkflowStatus[]) expect(canWait({ stage: 'fix', status })).toMatchObject({ ok: false });
    expect(canResume({ stage: 'fix', status: 'waiting-on-customer' })).toEqual({ ok: true });
    for (const status of ['open', 'resolved', 'closed'] as WorkflowStatus[]) expect(canResume({ stage: 'fix', status })).toMatchObject({ ok: false });
  });
  it('opens the rating only while the ticket waits for its follow-up', () => {
    expect(canRate({ stage: 'follow-up', status: 'resolved' })).toBe(true);
    expect(canRate({ stage: 'closed', status: 'resolved' })).toBe(false);
    expect(canRate({ stage: 'fix', status: 'open' })).toBe(false);
  });
});

describe('the transition table, row by row', () => {
  const STATUSES: WorkflowStatus[] = ['open', 'waiting-on-customer', 'resolved', 'closed'];
  const EVENTS: WorkflowEvent[] = [...STAGES.map((s) => `complete:${s}` as const), 'wait', 'resume', 'reopen'];
  const now = new Date('2026-11-23T10:00:00Z');
  /** The stages a ticket can be at in each status. */
  const AT: Record<WorkflowStatus, Stage[]> = {
    open: ['listen', 'apologise', 'fix', 'compensate'],
    'waiting-on-customer': ['listen', 'apologise', 'fix', 'compensate'],
    resolved: ['follow-up', 'closed'],
    closed: ['closed'],
  };
  const stageOf = (e: WorkflowEvent) => (e.startsWith('complete:') ? (e.slice(9) as Stage) : undefined);

  it('lists every status, and every event of it is either a row or refused', () => {
    expect(Object.keys(TICKET_WORKFLOW.table).sort()).toEqual([...STATUSES].sort());
    let rows = 0;
    for (const status of STATUSES) {
      for (const event of EVENTS) {
        const row = rowOf(TICKET_WORKFLOW.table, status, event);
        for (const stage of AT[status]) {
          const state: WorkflowState = { stage, status };
          const ctx = { state, target: stageOf(event) ?? stage, by: 'staff' as const, closedAt: now, now };
          const outcome = transition(TICKET_WORKFLOW, status, event, ctx);
          const label = `${status}/${stage} ${event}`;
          if (!row) {
            expect(outcome, label).toMatchObject({ ok: false, code: expect.stringMatching(/^stage\./) });
            continue;
          }
          // A row is allowed exactly when its guards pass: here, when a complete event is at the current stage.
          const atStage = stageOf(event) === undefined || stageOf(event) === stage;
          expect(outcome.ok, label).toBe(atStage);
          if (outcome.ok) rows++;
        }
      }
    }
    // 4 stages in open + wait from each + resume from each of 4 + follow-up, closed, reopen from resolved (2 stages) + reopen from closed.
    expect(rows).toBe(4 + 4 + 4 + 1 + 1 + 2 + 1);
  });

  it.each([
    ['open', 'listen', 'complete:listen', { stage: 'apologise', status: 'open' }],
    ['open', 'apologise', 'complete:apologise', { stage: 'fix', status: 'open' }],
    ['open', 'fix', 'complete:fix', { stage: 'compensate', status: 'open' }],
    ['open', 'compensate', 'complete:compensate', { stage: 'follow-up', status: 'resolved' }],
    ['open', 'fix', 'wait', { stage: 'fix', status: 'waiting-on-customer' }],
    ['waiting-on-customer', 'apologise', 'resume', { stage: 'apologise', status: 'open' }],
    ['resolved', 'follow-up', 'complete:follow-up', { stage: 'closed', status: 'resolved' }],
    ['resolved', 'closed', 'complete:closed', { stage: 'closed', status: 'closed' }],
    ['resolved', 'follow-up', 'reopen', { stage: 'fix', status: 'open' }],
    ['closed', 'closed', 'reopen', { stage: 'fix', status: 'open' }],
  ] as [WorkflowStatus, Stage, WorkflowEvent, WorkflowState][])('%s at %s: %s leads to %o', (status, stage, event, next) => {
    const state = { stage, status };
    const outcome = transition(TICKET_WORKFLOW, status, event, { state, target: stageOf(event), by: 'staff', closedAt: now, now });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(landing(state, outcome.to, 5)).toEqual(next);
  });

  it('refuses each move absent from a status with the words the API gives', () => {
    expect(canWait({ stage: 'follow-up', status: 'resolved' })).toEqual({ ok: false, code: 'stage.invalid-state', message: 'A ticket that is resolved cannot wait on the customer' });
    expect(canResume({ stage: 'fix', status: 'open' })).toEqual({ ok: false, code: 'stage.invalid-state', message: 'The ticket is not waiting on the customer' });
    expect(canReopen(open('fix'), 'staff', null, now)).toEqual({ ok: false, code: 'stage.invalid-state', message: 'Only a resolved or closed ticket can be reopened' });
    expect(canComplete({ stage: 'closed', status: 'closed' }, 'closed')).toEqual({ ok: false, code: 'stage.invalid-state', message: 'The ticket is closed; reopen it first' });
    expect(canComplete({ stage: 'fix', status: 'waiting-on-customer' }, 'fix')).toEqual({ ok: false, code: 'stage.invalid-state', message: 'The ticket is waiting on the customer; resume it first' });
  });

  it('checks each guard: at-current-stage and customer-within-30-days', () => {
    expect(canComplete(open('fix'), 'fix')).toEqual({ ok: true });
    expect(canComplete(open('fix'), 'listen')).toMatchObject({ ok: false, message: 'Stage listen is already completed' });
    expect(canComplete({ stage: 'follow-up', status: 'resolved' }, 'closed')).toMatchObject({ ok: false, code: 'stage.out-of-order' });
    const closed: WorkflowState = { stage: 'closed', status: 'closed' };
    expect(canReopen(closed, 'customer', new Date(now.getTime() - 31 * DAY), now)).toEqual({ ok: false, code: 'stage.invalid-state', message: 'A case can be reopened within 30 days of closing' });
    expect(canReopen(closed, 'staff', new Date(now.getTime() - 31 * DAY), now)).toEqual({ ok: true });
  });

  it('will not say where a move absent from the table leads', () => {
    expect(() => afterComplete({ stage: 'fix', status: 'closed' }, 'fix')).toThrow(/no move complete:fix from closed/);
  });
});
