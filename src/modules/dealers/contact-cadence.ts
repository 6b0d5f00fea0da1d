/**
 * A dealer's loyalty cadence: the contacts a customer gets after a ticket closes, each after
 * a number of business days or calendar months. Pure: no Nest or TypeORM.
 */
export const CONTACT_KINDS = ['call', 'message'] as const;
export type CadenceKind = (typeof CONTACT_KINDS)[number];

export interface CadenceStep {
  afterBusinessDays?: number;
  afterMonths?: number;
  kind: CadenceKind;
  department: string;
  purpose: string;
}

/** The brief's: a call two business days after the close, a message at six months, a call at eleven. */
export function defaultCadence(departments: readonly string[]): CadenceStep[] {
  const department = departments.includes('sales') ? 'sales' : (departments[0] ?? 'sales');
  return [
    { afterBusinessDays: 2, kind: 'call', department, purpose: 'Check the put-right held and the customer is content' },
    { afterMonths: 6, kind: 'message', department, purpose: 'We are here if anything comes up' },
    { afterMonths: 11, kind: 'call', department, purpose: 'Check the customer is content, answer questions, offer service' },
  ];
}

export const MAX_CADENCE_STEPS = 12;

/** What is wrong with a cadence, each problem naming its field (empty: fine). */
export function cadenceProblems(steps: unknown, departments: readonly string[]): string[] {
  if (!Array.isArray(steps)) return ['steps must be a list'];
  const problems: string[] = [];
  if (!steps.length) problems.push('steps must hold at least one contact');
  if (steps.length > MAX_CADENCE_STEPS) problems.push(`steps may hold at most ${MAX_CADENCE_STEPS} contacts`);
  steps.forEach((s: Partial<Record<keyof CadenceStep, unknown>>, i) => {
    const at = `steps[${i}]`;
    if (typeof s !== 'object' || s === null) return problems.push(`${at} must be an object`);
    const days = s.afterBusinessDays;
    const months = s.afterMonths;
    if ((days === undefined) === (months === undefined)) problems.push(`${at}: give exactly one of afterBusinessDays and afterMonths`);
    if (days !== undefined && !(Number.isInteger(days) && (days as number) >= 1 && (days as number) <= 260)) problems.push(`${at}.afterBusinessDays must be a whole number from 1 to 260`);
    if (months !== undefined && !(Number.isInteger(months) && (months as number) >= 1 && (months as number) <= 60)) problems.push(`${at}.afterMonths must be a whole number from 1 to 60`);
    if (!CONTACT_KINDS.includes(s.kind as CadenceKind)) problems.push(`${at}.kind must be call or message`);
    if (typeof s.department !== 'string' || !departments.includes(s.department)) problems.push(`${at}.department must be one of ${departments.join(', ')}`);
    if (typeof s.purpose !== 'string' || !s.purpose.trim() || s.purpose.length > 200) problems.push(`${at}.purpose must be 1 to 200 characters`);
  });
  return problems;
}

/** The steps as stored: only their own fields, purpose trimmed. */
export function normaliseCadence(steps: CadenceStep[]): CadenceStep[] {
  return steps.map((s) => ({
    ...(s.afterBusinessDays !== undefined ? { afterBusinessDays: s.afterBusinessDays } : { afterMonths: s.afterMonths }),
    kind: s.kind, department: s.department, purpose: s.purpose.trim(),
  }));
}
