import { describe, expect, it } from 'vitest';
import {
  afterComplete, canComplete, canRate, canReopen, canResume, canWait, completeInOrder, STAGES,
  type Stage, type WorkflowState, type WorkflowStatus,
} from './ticket-workflow.js';

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
