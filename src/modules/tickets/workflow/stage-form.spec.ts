import { describe, expect, it } from 'vitest';
import { stageFormToBody } from './stage-form.js';

describe('stage forms', () => {
  it('keep the filled fields of the stage and drop the rest', () => {
    expect(stageFormToBody('fix', { rootCause: 'process', action: ' Call back ', owner: 'Pieter', rootCauseNote: '', _csrf: 'x' })).toEqual({ rootCause: 'process', action: 'Call back', owner: 'Pieter' });
  });
  it('turn the score into a number and the reason into noCompensation', () => {
    expect(stageFormToBody('follow-up', { score: '4', via: 'phone' })).toEqual({ score: 4, via: 'phone' });
    expect(stageFormToBody('compensate', { noCompensationReason: 'Not wanted' })).toEqual({ noCompensation: { reason: 'Not wanted' } });
    expect(stageFormToBody('compensate', {})).toEqual({});
  });
});
