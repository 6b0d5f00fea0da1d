import { describe, expect, it } from 'vitest';
import { canComplete, nextStage, STAGES } from './ticket-workflow.js';

describe('ticket workflow', () => {
  it('moves through the stages in order', () => {
    expect(nextStage('listen')).toBe('apologise');
    expect(nextStage('apologise')).toBe('fix');
    expect(nextStage('fix')).toBe('compensate');
    expect(nextStage('compensate')).toBe('follow-up');
    expect(nextStage('follow-up')).toBe('closed');
    expect(nextStage('closed')).toBe('closed');
  });

  it('allows exactly the current stage and refuses every other', () => {
    for (const current of STAGES.filter((s) => s !== 'closed')) {
      for (const target of STAGES) {
        const check = canComplete(current, target);
        if (target === current) expect(check).toEqual({ ok: true });
        else if (STAGES.indexOf(target) > STAGES.indexOf(current)) expect(check).toMatchObject({ ok: false, code: 'stage.out-of-order' });
        else expect(check).toMatchObject({ ok: false, code: 'stage.invalid-state' });
      }
    }
  });

  it('names the skipped stages', () => {
    expect(canComplete('listen', 'fix')).toEqual({
      ok: false,
      code: 'stage.out-of-order',
      message: 'Stage fix cannot be completed before listen, apologise',
    });
  });

  it('refuses everything on a closed ticket', () => {
    for (const target of STAGES) expect(canComplete('closed', target)).toMatchObject({ ok: false, code: 'stage.invalid-state' });
  });
});
