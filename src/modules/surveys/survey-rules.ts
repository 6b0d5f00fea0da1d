/**
 * The survey rules, pure: which answers are negative, which one is worst, how severe the
 * ticket it opens is, and the satisfaction index.
 */
export interface Question {
  id: string;
  text: string;
  area: string;
  weight: number;
  scaleMax: number;
  negativeAtOrBelow: number;
  department: string;
  category: string;
}

export interface Answer {
  questionId: string;
  score: number;
  comment?: string;
}

export type Severity = 'low' | 'medium' | 'high' | 'critical';

/** A score as a share of its scale, 0…1. */
export const share = (score: number, scaleMax: number) => score / scaleMax;

/** Default: up to 20 % of the scale is high, up to 40 % medium, the rest low. A survey may set its own bands. */
export const DEFAULT_SEVERITY_BANDS: { atOrBelow: number; severity: Severity }[] = [
  { atOrBelow: 0.2, severity: 'high' },
  { atOrBelow: 0.4, severity: 'medium' },
];

export interface NegativeAnswer extends Answer {
  question: Question;
}

/** The answers at or below their question's threshold, worst first (lowest share of its scale). */
export function negativeAnswers(questions: Question[], answers: Answer[]): NegativeAnswer[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  return answers
    .map((a) => ({ ...a, question: byId.get(a.questionId)! }))
    .filter((a) => a.question && a.score <= a.question.negativeAtOrBelow)
    .sort((x, y) => share(x.score, x.question.scaleMax) - share(y.score, y.question.scaleMax) || y.question.weight - x.question.weight);
}

export function severityFor(worst: NegativeAnswer, bands = DEFAULT_SEVERITY_BANDS): Severity {
  const s = share(worst.score, worst.question.scaleMax);
  return [...bands].sort((a, b) => a.atOrBelow - b.atOrBelow).find((b) => s <= b.atOrBelow)?.severity ?? 'low';
}

/** Problems with answers against the survey's questions, each naming the answer. */
export function answerProblems(questions: Question[], answers: Answer[]): string[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const seen = new Set<string>();
  const problems: string[] = [];
  answers.forEach((a, i) => {
    const q = byId.get(a.questionId);
    if (!q) problems.push(`answers[${i}].questionId ${a.questionId} is not a question of this survey`);
    else if (!Number.isInteger(a.score) || a.score < 0 || a.score > q.scaleMax) problems.push(`answers[${i}].score must be a whole number from 0 to ${q.scaleMax}`);
    if (seen.has(a.questionId)) problems.push(`answers[${i}].questionId ${a.questionId} is answered twice`);
    seen.add(a.questionId);
  });
  return problems;
}

/** Clocks differ a little; a response stamped further ahead than this is refused. */
export const RESPONDED_AT_TOLERANCE_MS = 5 * 60_000;

/** A respondedAt later than now (beyond the tolerance) is not an answer that happened. */
export function respondedAtProblems(respondedAt: string, now: Date): string[] {
  const at = new Date(respondedAt).getTime();
  return at > now.getTime() + RESPONDED_AT_TOLERANCE_MS ? [`respondedAt must not be in the future (${respondedAt} is more than 5 minutes ahead of our clock)`] : [];
}

export interface ScoredAnswer {
  area: string;
  weight: number;
  score: number;
  scaleMax: number;
  responseId: string;
}

export interface IndexFigure {
  score: number | null;
  responses: number;
}

/**
 * The satisfaction index, 0–100: each answer's score as a share of its scale, weighted by
 * its question's weight, per area and over all areas (so an area with heavier questions
 * counts more). Responses are counted per area and overall.
 */
export function satisfactionIndex(answers: ScoredAnswer[]): { overall: IndexFigure; areas: Record<string, IndexFigure> } {
  const sums = (rows: ScoredAnswer[]): IndexSums => ({
    weightedShare: rows.reduce((sum, r) => sum + r.weight * share(r.score, r.scaleMax), 0),
    weight: rows.reduce((sum, r) => sum + r.weight, 0),
    responses: new Set(rows.map((r) => r.responseId)).size,
  });
  const areas: Record<string, IndexFigure> = {};
  for (const area of [...new Set(answers.map((a) => a.area))].sort()) areas[area] = indexFigure(sums(answers.filter((a) => a.area === area)));
  return { overall: indexFigure(sums(answers)), areas };
}

/** Sums a database can add up: Σ weight·share, Σ weight, and the number of responses. */
export interface IndexSums {
  weightedShare: number;
  weight: number;
  responses: number;
}

/** The index from its sums, 0–100 with one decimal. */
export function indexFigure(s: IndexSums): IndexFigure {
  return { score: s.weight ? Math.round((1000 * s.weightedShare) / s.weight) / 10 : null, responses: s.responses };
}
