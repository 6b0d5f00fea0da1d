import { DomainError } from '../errors/domain-error.js';
import { messageKeyForCode, type ErrorCode } from '../errors/error-codes.js';
import type { FieldIssue } from '../errors/field-issue.js';
import { translate } from '../i18n/translator.js';

/**
 * What a form shows after a refused submission: each bad field's message (to sit under
 * the field), a summary for the top linking to the fields, and the first bad field (focused).
 * `form` names the form when a page holds several (the ticket page), so only its fields light up.
 */
export interface FormErrors {
  form: string | null;
  heading: string;
  summary: { field: string | null; message: string }[];
  fields: Record<string, string>;
  first: string | null;
}

/**
 * A DTO path (`customer.name`) or an error code (`user.current-password.invalid`) → the
 * name of the form's input. A path not listed is its own input name (flat forms).
 */
export type FieldMap = Record<string, string>;

/** Fields asked for by choosing, not typing: "Choose the dealer", not "Enter the dealer". */
const CHOSEN = new Set(['dealerId', 'department', 'category', 'channel', 'severity', 'customer-language', 'kind', 'value-currency', 'visibility', 'assigneeId', 'refs', 'role', 'userId', 'scopes', 'language', 'rootCause', 'contactedVia', 'how', 'via', 'score', 'outcome', 'onTheSpot-compensation-kind', 'active', 'file', 'ownerId', 'status', 'newIssue-department', 'newIssue-category', 'newIssue-severity', 'stillCustomer']);

/** Custom class-validator constraints (by name) → the code whose message says it for people. */
const CONSTRAINT_CODES: Record<string, ErrorCode> = { reportPeriodCap: 'report.period.invalid' };

/** class-validator's rules (and our own) → the few ways of saying what to do. */
function ruleFor(issue: FieldIssue, key: string): string {
  const r = issue.rule;
  if (r === 'required' || r === 'isDefined' || r === 'isNotEmpty' || r === 'arrayNotEmpty') return CHOSEN.has(key) ? 'choose' : 'required';
  if (['isIn', 'isEnum', 'isUUID', 'isUuid', 'isBoolean'].includes(r)) return 'choose';
  if (r === 'isEmail') return 'email';
  if (r === 'maxLength' || r === 'arrayMaxSize') return 'tooLong';
  if (r === 'minLength') return 'tooShort';
  if (r === 'isLength') return /shorter/.test(issue.message) ? 'tooLong' : (issue.limit ?? 0) <= 1 ? 'required' : 'tooShort';
  if (r === 'min' || r === 'isPositive') return 'tooSmall';
  if (r === 'max') return 'tooBig';
  if (r === 'isNumber' || r === 'isInt') return 'number';
  if (r === 'isISO8601' || r === 'isDateString') return 'date';
  return 'check';
}

/** `onTheSpot.compensation.value.amount` → `onTheSpot-compensation-value-amount` (no list indices). */
export function fieldKey(path: string): string {
  return path.replace(/\[\d+\]/g, '').replace(/\./g, '-');
}

/** One bad field in people's words, in their language: "Enter the customer's name", "Vul de naam van de klant in". */
export function humanIssue(language: string, issue: FieldIssue): string {
  const key = fieldKey(issue.path);
  // "email or phone must be given": the one rule that names two fields.
  const what = noun(language, / or phone /.test(issue.message) ? `${key}-or-phone` : key);
  if (issue.rule.includes('.')) {
    // A service's own refusal of a field (a wrong current password, an address in use): its code's message,
    // unless it only says the field is empty or too short.
    if (/must not be blank|is required|should not be empty/.test(issue.message)) return translate(language, `form.rule.${CHOSEN.has(key) ? 'choose' : 'required'}`, { what });
    const least = /at least (\d+)/.exec(issue.message);
    if (least) return translate(language, 'form.rule.tooShort', { what, limit: Number(least[1]) });
    if (/most common passwords/.test(issue.message)) return translate(language, 'form.rule.common', { what });
    const byCode = messageKeyForCode(issue.rule as never);
    return byCode === 'errors.form-invalid' ? translate(language, 'form.rule.check', { what }) : translate(language, byCode);
  }
  // Our own constraints that stand for a coded refusal speak with that code's message.
  if (issue.rule in CONSTRAINT_CODES) return translate(language, messageKeyForCode(CONSTRAINT_CODES[issue.rule]!));
  return translate(language, `form.rule.${ruleFor(issue, key)}`, { what, limit: issue.limit });
}

function noun(language: string, key: string): string {
  // The whole path, then shorter ones (`calendar-weekly-mon` → `calendar`), then its last word.
  const parts = key.split('-');
  const tries = [...parts.map((_, i) => parts.slice(0, parts.length - i).join('-')), parts[parts.length - 1]!];
  for (const k of tries) {
    const found = translate(language, `form.field.${k}`);
    if (found !== `form.field.${k}`) return found;
  }
  return translate(language, 'form.field.this');
}

/** A service's details (`name must not be blank`) as field issues: the first word is the path. */
function issuesFromDetails(e: DomainError): FieldIssue[] {
  return (e.details ?? []).flatMap((message) => {
    const path = /^([A-Za-z][\w.[\]]*)\s/.exec(message)?.[1];
    return path ? [{ path, rule: e.code, message }] : [];
  });
}

/** A refusal as the form shows it, in the reader's language. */
export function formErrors(e: DomainError, language: string, options: { fields?: FieldMap; form?: string } = {}): FormErrors {
  const map = options.fields ?? {};
  const issues = e.issues ?? issuesFromDetails(e);
  const fields: Record<string, string> = {};
  const summary: FormErrors['summary'] = [];
  for (const issue of issues) {
    // Listed paths first; a nested one not listed belongs to its top-level input (`calendar.weekly.mon[0]` → `calendar`).
    const field = map[issue.path] ?? map[issue.path.replace(/\[\d+\].*$/, '')] ?? map[e.code] ?? issue.path.split(/[.[]/)[0]!;
    if (fields[field]) continue; // one message per field: the first rule it broke
    fields[field] = humanIssue(language, issue);
    summary.push({ field, message: fields[field] });
  }
  const byCode = map[e.code];
  if (!summary.length && byCode) {
    fields[byCode] = translate(language, messageKeyForCode(e.code));
    summary.push({ field: byCode, message: fields[byCode] });
  }
  if (!summary.length) summary.push({ field: null, message: translate(language, messageKeyForCode(e.code)) });
  return { form: options.form ?? null, heading: translate(language, 'form.summary'), summary, fields, first: summary.find((s) => s.field)?.field ?? null };
}
