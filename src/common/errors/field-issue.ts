/**
 * One bad field of a form or body: its path in the DTO (`customer.name`), the rule it
 * broke (`required`, `isEmail`, `maxLength`, …, or a DomainError code), the English
 * message the API answers with, and the number in the rule where it has one (a length, a minimum).
 */
export interface FieldIssue {
  path: string;
  rule: string;
  message: string;
  limit?: number;
}
