/**
 * Every code a DomainError may carry, with the HTTP status it answers with and the key
 * of its message for people (locales/*.json, under `errors.`). One table: a code not in
 * it does not compile, and a unit test checks each has a message in every language.
 */
export const ERROR_CODES = {
  'auth.unauthenticated': { status: 401, message: 'errors.auth-unauthenticated' },
  'auth.role.forbidden': { status: 403, message: 'errors.forbidden' },
  'auth.csrf.forbidden': { status: 403, message: 'errors.csrf' },
  'auth.login.rate-limited': { status: 429, message: 'errors.rate-limited' },
  'auth.login.unavailable': { status: 503, message: 'errors.busy' },
  'reads.unavailable': { status: 503, message: 'errors.busy' },
  'rate-limit.rate-limited': { status: 429, message: 'errors.rate-limited' },
  'account.session.forbidden': { status: 403, message: 'errors.forbidden' },
  'password.change-required': { status: 403, message: 'errors.password-change-required' },
  'scope.forbidden': { status: 403, message: 'errors.forbidden' },
  'form.invalid': { status: 400, message: 'errors.form-invalid' },
  'cursor.invalid': { status: 400, message: 'errors.form-invalid' },
  'report.period.invalid': { status: 400, message: 'errors.report-period' },
  'idempotency-key.invalid': { status: 400, message: 'errors.form-invalid' },
  'idempotency-key.conflict': { status: 409, message: 'errors.idempotency-conflict' },
  'idempotency-key.invalid-state': { status: 422, message: 'errors.idempotency-repeat' },
  'ticket.not-found': { status: 404, message: 'errors.not-found' },
  'ticket.invalid': { status: 400, message: 'errors.form-invalid' },
  'ticket.invalid-state': { status: 422, message: 'errors.ticket-state' },
  'ticket.dealer.forbidden': { status: 403, message: 'errors.forbidden' },
  'ticket.dealer-id.invalid': { status: 400, message: 'errors.dealer-choose' },
  'ticket.assignee.invalid': { status: 400, message: 'errors.assignee' },
  'stage.not-found': { status: 404, message: 'errors.not-found' },
  'stage.body.invalid': { status: 400, message: 'errors.form-invalid' },
  'stage.out-of-order': { status: 422, message: 'errors.stage-order' },
  'contact.not-found': { status: 404, message: 'errors.not-found' },
  'contact.invalid': { status: 400, message: 'errors.form-invalid' },
  'contact.invalid-state': { status: 422, message: 'errors.contact-state' },
  'customer.not-found': { status: 404, message: 'errors.not-found' },
  'cadence.invalid': { status: 400, message: 'errors.form-invalid' },
  'sla.target.not-found': { status: 404, message: 'errors.sla-target' },
  'sla.explain.invalid-state': { status: 422, message: 'errors.sla-explain' },
  'stage.invalid-state': { status: 422, message: 'errors.ticket-state' },
  'customer.invalid': { status: 400, message: 'errors.customer-contact' },
  'customer.email.conflict': { status: 409, message: 'errors.customer-email-taken' },
  'compensation.not-found': { status: 404, message: 'errors.not-found' },
  'compensation.decision.not-found': { status: 404, message: 'errors.not-found' },
  'compensation.invalid': { status: 400, message: 'errors.form-invalid' },
  'compensation.invalid-state': { status: 422, message: 'errors.compensation-state' },
  'compensation.approval.forbidden': { status: 403, message: 'errors.compensation-limit' },
  'compensation.over-limit': { status: 422, message: 'errors.compensation-over-limit' },
  'escalation.not-found': { status: 404, message: 'errors.not-found' },
  'escalation.invalid-state': { status: 422, message: 'errors.escalation-state' },
  'escalation.acknowledge.forbidden': { status: 403, message: 'errors.forbidden' },
  'tracking.not-found': { status: 404, message: 'errors.not-found' },
  'tracking.invalid-state': { status: 422, message: 'errors.tracking-state' },
  'dealer.not-found': { status: 404, message: 'errors.not-found' },
  'dealer.invalid': { status: 400, message: 'errors.form-invalid' },
  'user.not-found': { status: 404, message: 'errors.not-found' },
  'user.invalid': { status: 400, message: 'errors.form-invalid' },
  'user.self.invalid': { status: 400, message: 'errors.user-self' },
  'user.dealer.invalid': { status: 400, message: 'errors.user-dealer' },
  'user.password.invalid': { status: 400, message: 'errors.password-weak' },
  'user.current-password.invalid': { status: 400, message: 'errors.password-current' },
  'user.email.conflict': { status: 409, message: 'errors.user-email-taken' },
  'api-key.not-found': { status: 404, message: 'errors.not-found' },
  'sla-policy.not-found': { status: 404, message: 'errors.not-found' },
  'sla-policy.targets.invalid': { status: 400, message: 'errors.sla-targets' },
  'survey.not-found': { status: 404, message: 'errors.not-found' },
  'survey.invalid': { status: 400, message: 'errors.form-invalid' },
  'survey-response.invalid': { status: 400, message: 'errors.form-invalid' },
  'survey-response.invalid-state': { status: 422, message: 'errors.survey-response-state' },
  'survey-response.dealer.forbidden': { status: 403, message: 'errors.forbidden' },
  'survey-response.dealer-id.invalid': { status: 400, message: 'errors.dealer-choose' },
  'survey-response.signature.unauthenticated': { status: 401, message: 'errors.signature' },
  'survey-import.file.invalid': { status: 400, message: 'errors.import-file' },
  'survey-import.file.too-large': { status: 413, message: 'errors.import-too-large' },
  'survey-import.columns.invalid': { status: 400, message: 'errors.import-columns' },
  'survey-import.unsigned.forbidden': { status: 403, message: 'errors.import-unsigned' },
  'import-job.not-found': { status: 404, message: 'errors.not-found' },
  'improvement.not-found': { status: 404, message: 'errors.not-found' },
  'improvement.invalid': { status: 400, message: 'errors.form-invalid' },
  'improvement.note.invalid': { status: 400, message: 'errors.form-invalid' },
  'improvement.forbidden': { status: 403, message: 'errors.forbidden' },
  'improvement.invalid-state': { status: 422, message: 'errors.improvement-state' },
  'improvement.conflict': { status: 409, message: 'errors.improvement-conflict' },
} as const satisfies Record<string, { status: number; message: `errors.${string}` }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

export function statusForCode(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

export function messageKeyForCode(code: ErrorCode): string {
  return ERROR_CODES[code].message;
}
