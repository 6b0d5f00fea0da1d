import { describe, expect, it } from 'vitest';
import { planMoments, slaSummary, type SlaTarget } from '../../../modules/sla/sla-clock.js';
import { ROOT_CAUSES, type CompensationState } from '../../../modules/tickets/ticket-values.js';
import { afterComplete, canComplete, canResume, canWait, STAGES, type Stage, type WorkflowState } from '../../../modules/tickets/workflow/ticket-workflow.js';
import { DEFAULT_TARGETS, planStory, storyCalendars, STORY_COUNTRIES, type StoryTicket } from './story-plan.js';
import { seededRng } from './prng.js';

const NOW = new Date('2026-11-30T12:00:00Z');
const plan = planStory(20261130, NOW);
const calendars = storyCalendars(NOW);

/** A ticket's steps folded through the pure workflow: every step must be allowed where it comes. */
function fold(t: StoryTicket): { state: WorkflowState; reopened: boolean; waited: boolean; met: Partial<Record<SlaTarget, Date>>; compensation: CompensationState | null } {
  let state: WorkflowState = { stage: 'listen', status: 'open' };
  const met: Partial<Record<SlaTarget, Date>> = {};
  const received = new Date(t.intake.receivedAt);
  const complete = (stage: Stage, at: Date, score?: number) => {
    const check = canComplete(state, stage);
    if (!check.ok) throw new Error(`${t.key}: ${stage} refused at ${state.stage}/${state.status}: ${check.message}`);
    state = afterComplete(state, stage, score);
    const target = ({ listen: 'listen', apologise: 'apologise', fix: 'fix', compensate: 'resolve' } as const)[stage as 'listen'];
    if (target && !met[target]) met[target] = at;
  };
  if (t.intake.onTheSpot?.listened) complete('listen', received);
  if (t.intake.onTheSpot?.apology) complete('apologise', received);
  let reopened = false;
  let waited = false;
  let compensation: CompensationState | null = null;
  let amount = 0;
  for (const { at, action } of t.steps) {
    switch (action.kind) {
      case 'listen': case 'apologise': case 'fix': case 'compensate':
        complete(action.kind, at);
        break;
      case 'rate': case 'follow-up':
        complete('follow-up', at, action.score);
        if (state.stage === 'fix') reopened = true;
        break;
      case 'close':
        complete('closed', at);
        break;
      case 'wait':
        expect(canWait(state).ok).toBe(true);
        state = { ...state, status: 'waiting-on-customer' };
        waited = true;
        break;
      case 'resume':
        expect(canResume(state).ok).toBe(true);
        state = { ...state, status: 'open' };
        break;
      case 'propose':
        amount = action.compensation.amount;
        // A receptionist proposes: within their limit (50) it is approved at once.
        compensation = amount <= 50 ? 'approved' : 'proposed';
        break;
      case 'approve':
        expect(compensation).toBe('proposed');
        compensation = 'approved';
        break;
      case 'deliver':
        expect(compensation).toBe('approved');
        compensation = 'delivered';
        break;
      default:
        break;
    }
  }
  return { state, reopened, waited, met, compensation };
}

describe('the demo story plan', () => {
  it('is the same for the same seed and now, and another for another seed', () => {
    expect(JSON.stringify(planStory(20261130, NOW))).toBe(JSON.stringify(plan));
    expect(JSON.stringify(planStory(7, NOW))).not.toBe(JSON.stringify(plan));
    const a = seededRng(42);
    const b = seededRng(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it('holds a few hundred tickets over twelve weeks at all three dealers, nothing after now', () => {
    expect(plan.tickets.length).toBeGreaterThanOrEqual(300);
    expect(plan.tickets.length).toBeLessThanOrEqual(450);
    for (const country of STORY_COUNTRIES) expect(plan.tickets.filter((t) => t.country === country).length).toBeGreaterThan(80);
    for (const t of plan.tickets) {
      const received = new Date(t.intake.receivedAt).getTime();
      expect(received).toBeGreaterThanOrEqual(plan.from.getTime() - 28 * 86_400_000);
      expect(t.loggedAt.getTime()).toBeGreaterThanOrEqual(received);
      expect(t.loggedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      for (const [i, s] of t.steps.entries()) {
        expect(s.at.getTime()).toBeLessThanOrEqual(NOW.getTime());
        expect(s.at.getTime()).toBeGreaterThanOrEqual(i ? t.steps[i - 1].at.getTime() : t.loggedAt.getTime());
      }
    }
  });

  it('follows the workflow in every ticket and leaves tickets in every stage, waiting, reopened and closed', () => {
    const folded = plan.tickets.map(fold);
    const stages = new Set(folded.filter((f) => f.state.status !== 'closed').map((f) => f.state.stage));
    for (const stage of STAGES.filter((s) => s !== 'closed')) expect(stages, stage).toContain(stage);
    expect(folded.some((f) => f.state.status === 'closed')).toBe(true);
    expect(folded.some((f) => f.state.status === 'waiting-on-customer')).toBe(true);
    expect(folded.some((f) => f.reopened)).toBe(true);
  });

  it('leaves every SLA state: on track, at risk, breached and met', () => {
    const states = new Set<string>();
    for (const t of plan.tickets) {
      const f = fold(t);
      if (f.waited || f.reopened) continue; // paused or restarted clocks: the replay's SLA module decides those
      const cal = calendars[t.country];
      const targets = DEFAULT_TARGETS[t.intake.severity];
      const timers = (['listen', 'apologise', 'fix', 'resolve'] as const).map((target) => ({
        ...planMoments(new Date(t.intake.receivedAt), targets[target], 0.75, 0, cal),
        metAt: f.met[target] ?? null,
      }));
      states.add(slaSummary(timers, NOW).state!);
    }
    expect([...states].sort()).toEqual(['at-risk', 'breached', 'met', 'on-track']);
  });

  it('covers every root cause, with waiting time and communication leading the Pareto', () => {
    const counts = new Map<string, number>();
    for (const t of plan.tickets) {
      const fix = t.steps.find((s) => s.action.kind === 'fix');
      if (fix?.action.kind === 'fix') counts.set(fix.action.rootCause, (counts.get(fix.action.rootCause) ?? 0) + 1);
    }
    for (const cause of ROOT_CAUSES) expect(counts.get(cause) ?? 0, cause).toBeGreaterThan(0);
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
    expect(ranked.slice(0, 2).sort()).toEqual(['communication', 'waiting-time']);
  });

  it('covers every compensation state, customer ratings and staff follow-ups, escalations by hand and acknowledgements', () => {
    const states = new Set(plan.tickets.map((t) => fold(t).compensation).filter((s) => s !== null));
    expect([...states].sort()).toEqual(['approved', 'delivered', 'proposed']);
    const kinds = new Set(plan.tickets.flatMap((t) => t.steps.map((s) => s.action.kind)));
    for (const kind of ['rate', 'follow-up', 'escalate', 'acknowledge', 'wait', 'resume', 'assign']) expect(kinds, kind).toContain(kind);
    const scores = plan.tickets.flatMap((t) => t.steps.flatMap((s) => (s.action.kind === 'rate' ? [s.action.score] : [])));
    expect(Math.min(...scores)).toBeLessThanOrEqual(2);
    expect(Math.max(...scores)).toBe(5);
  });

  it('has survey answers of every kind: positive, negative (opening a ticket that is then worked) and rated after recovery', () => {
    const negative = plan.responses.filter((r) => Object.values(r.scores).some((s) => s <= 4));
    expect(negative.length).toBeGreaterThan(3);
    expect(plan.responses.length - negative.length).toBeGreaterThan(30);
    expect(negative.some((r) => r.steps.some((s) => s.action.kind === 'rate'))).toBe(true);
    expect(plan.responses.filter((r) => !negative.includes(r)).every((r) => r.steps.length === 0)).toBe(true);
  });

  it('writes in the dealer language: varied categories, departments and channels', () => {
    const nl = plan.tickets.filter((t) => t.country === 'nl');
    expect(new Set(nl.map((t) => t.intake.customer.language))).toEqual(new Set(['nl']));
    expect(nl.some((t) => /\b(ik|mijn|de)\b/.test(t.intake.account))).toBe(true);
    expect(new Set(plan.tickets.map((t) => t.intake.category)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(plan.tickets.map((t) => t.intake.department)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(plan.tickets.map((t) => t.intake.channel)).size).toBe(5);
  });
});
