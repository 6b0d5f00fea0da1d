import { DomainError } from '../../common/errors/domain-error.js';
import type { FieldIssue } from '../../common/errors/field-issue.js';

/**
 * The service's refusals name their field first (`ownerId: no active user …`); a form needs
 * them as field issues to show each under its input. A refusal that names no field, or already
 * has its issues, is returned as it is.
 */
export function withFieldIssues(e: unknown): unknown {
  if (!(e instanceof DomainError) || e.issues?.length) return e;
  const lines = e.details?.length ? e.details : [e.message];
  const issues: FieldIssue[] = lines.flatMap((message) => {
    const path = /^([A-Za-z]\w*):\s/.exec(message)?.[1];
    if (!path) return [];
    // Dropping without a reason: the box is empty, so the message asks for the reason.
    if (e.code === 'improvement.note.invalid') return [{ path: 'reason', rule: 'isNotEmpty', message }];
    return [{ path, rule: e.code, message }];
  });
  return issues.length ? new DomainError(e.code, e.message, e.details, issues) : e;
}
