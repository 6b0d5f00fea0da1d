import { describe, expect, it } from 'vitest';
import { answerProblems, negativeAnswers, respondedAtProblems, satisfactionIndex, severityFor, type Question } from './survey-rules.js';

const q = (id: string, area: string, weight: number, negativeAtOrBelow = 4, scaleMax = 10): Question => ({
  id, text: id, area, weight, scaleMax, negativeAtOrBelow, department: area === 'workshop-service' ? 'service' : 'sales', category: 'other',
});
const questions = [q('reception-wait', 'workshop-service', 20), q('driving', 'product-driving', 40), q('recommend', 'loyalty', 20, 2, 5)];

describe('negative answers', () => {
  it('are those at or below the threshold, worst first', () => {
    const negative = negativeAnswers(questions, [
      { questionId: 'reception-wait', score: 2 },
      { questionId: 'driving', score: 9 },
      { questionId: 'recommend', score: 2 },
    ]);
    // 2/10 = 0.2 is worse than 2/5 = 0.4.
    expect(negative.map((a) => a.questionId)).toEqual(['reception-wait', 'recommend']);
    expect(severityFor(negative[0])).toBe('high');
    expect(severityFor(negative[1])).toBe('medium');
    expect(severityFor(negative[1], [{ atOrBelow: 0.5, severity: 'critical' }])).toBe('critical');
  });
  it('are none when every answer is above its threshold', () => {
    expect(negativeAnswers(questions, [{ questionId: 'reception-wait', score: 5 }])).toEqual([]);
  });
  it('refuse unknown questions, scores off the scale and double answers', () => {
    expect(answerProblems(questions, [
      { questionId: 'nope', score: 1 },
      { questionId: 'recommend', score: 6 },
      { questionId: 'driving', score: 2.5 },
      { questionId: 'driving', score: 3 },
    ])).toEqual([
      'answers[0].questionId nope is not a question of this survey',
      'answers[1].score must be a whole number from 0 to 5',
      'answers[2].score must be a whole number from 0 to 10',
      'answers[3].questionId driving is answered twice',
    ]);
  });
});

describe('the satisfaction index', () => {
  it('weights each answer’s share of its scale by its question’s weight (worked by hand)', () => {
    const answers = [
      // Response r1: driving 8/10 (weight 40), reception wait 2/10 (weight 20), recommend 4/5 (weight 20)
      { responseId: 'r1', area: 'product-driving', weight: 40, score: 8, scaleMax: 10 },
      { responseId: 'r1', area: 'workshop-service', weight: 20, score: 2, scaleMax: 10 },
      { responseId: 'r1', area: 'loyalty', weight: 20, score: 4, scaleMax: 5 },
      // Response r2: driving 10/10, reception wait 6/10
      { responseId: 'r2', area: 'product-driving', weight: 40, score: 10, scaleMax: 10 },
      { responseId: 'r2', area: 'workshop-service', weight: 20, score: 6, scaleMax: 10 },
    ];
    const index = satisfactionIndex(answers);
    // product-driving: (40·0.8 + 40·1.0) / 80 = 72/80 = 0.9 → 90
    // workshop-service: (20·0.2 + 20·0.6) / 40 = 16/40 = 0.4 → 40
    // loyalty: 20·0.8 / 20 = 0.8 → 80
    expect(index.areas).toEqual({
      loyalty: { score: 80, responses: 1 },
      'product-driving': { score: 90, responses: 2 },
      'workshop-service': { score: 40, responses: 2 },
    });
    // overall: (32 + 4 + 16 + 40 + 12) / (40 + 20 + 20 + 40 + 20) = 104/140 = 0.742857… → 74.3
    expect(index.overall).toEqual({ score: 74.3, responses: 2 });
  });
  it('has no score without answers', () => {
    expect(satisfactionIndex([])).toEqual({ overall: { score: null, responses: 0 }, areas: {} });
  });
});

describe('when a response was given', () => {
  const now = new Date('2026-11-30T10:00:00Z');

  it('takes the past, now, and up to five minutes ahead (clocks differ)', () => {
    expect(respondedAtProblems('2026-11-20T10:00:00+01:00', now)).toEqual([]);
    expect(respondedAtProblems('2026-11-30T10:00:00Z', now)).toEqual([]);
    expect(respondedAtProblems('2026-11-30T11:05:00+01:00', now)).toEqual([]);
  });

  it('refuses a moment further ahead, naming respondedAt', () => {
    expect(respondedAtProblems('2026-11-30T10:05:01Z', now)).toEqual([expect.stringMatching(/^respondedAt must not be in the future/)]);
    expect(respondedAtProblems('2027-01-01T00:00:00Z', now)).toHaveLength(1);
  });
});
