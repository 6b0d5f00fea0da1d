import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/errors/domain-error.js';
import { formErrors } from '../../common/http/form-errors.js';
import { withFieldIssues } from './improvement-form-issues.js';

describe('the improvements forms’ refusals', () => {
  it('puts a service refusal that names its field under that field, in the reader’s words', () => {
    const e = withFieldIssues(new DomainError('improvement.invalid', 'ownerId: no active user x who works for this dealer')) as DomainError;
    expect(e.issues).toEqual([{ path: 'ownerId', rule: 'improvement.invalid', message: 'ownerId: no active user x who works for this dealer' }]);
    expect(formErrors(e, 'en').fields).toEqual({ ownerId: 'Check the owner' });
    expect(formErrors(e, 'nl').fields.ownerId).toBe('Controleer de eigenaar');
  });

  it('asks for the reason when dropping without one', () => {
    const e = withFieldIssues(new DomainError('improvement.note.invalid', 'note: give the reason for dropping the improvement')) as DomainError;
    expect(formErrors(e, 'en', { fields: { reason: 'note' } }).fields).toEqual({ note: 'Enter the reason' });
  });

  it('leaves a refusal without a field, and one with its issues, as it is', () => {
    const plain = new DomainError('improvement.conflict', 'The improvement was changed meanwhile; reload it');
    expect(withFieldIssues(plain)).toBe(plain);
    const validated = new DomainError('form.invalid', 'x', ['title must be 1 to 200 characters'], [{ path: 'title', rule: 'isLength', message: 'title must be 1 to 200 characters', limit: 1 }]);
    expect(withFieldIssues(validated)).toBe(validated);
  });
});
