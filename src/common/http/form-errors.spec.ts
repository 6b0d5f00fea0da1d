import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error.js';
import { formErrors, humanIssue } from './form-errors.js';
import { validateForm } from './validation.js';
import { IsEmail, IsString, Length, Min, IsNumber } from 'class-validator';

describe('humanIssue', () => {
  it.each([
    ['en', "Enter the customer's name"],
    ['nl', 'Vul de naam van de klant in'],
    ['nb', 'Fyll inn kundens navn'],
    ['sv', 'Fyll i kundens namn'],
  ])('a missing customer name in %s', (language, message) => {
    expect(humanIssue(language, { path: 'customer.name', rule: 'required', message: 'customer.name is required' })).toBe(message);
  });

  it('says what to do, not which rule broke', () => {
    expect(humanIssue('en', { path: 'customer.email', rule: 'isEmail', message: 'customer.email must be an e-mail address' })).toBe("Enter the customer's e-mail in the form name@example.com");
    expect(humanIssue('en', { path: 'value.amount', rule: 'min', message: 'value.amount must not be less than 0', limit: 0 })).toBe('Enter 0 or more for the amount');
    expect(humanIssue('nl', { path: 'reason', rule: 'maxLength', message: 'reason must be shorter than or equal to 1000 characters', limit: 1000 })).toBe('Gebruik hoogstens 1000 tekens voor de reden');
    expect(humanIssue('en', { path: 'category', rule: 'required', message: 'category is required' })).toBe('Choose the category');
  });

  it("puts a service's own refusal of a field in the code's words", () => {
    expect(humanIssue('nl', { path: 'currentPassword', rule: 'user.current-password.invalid', message: 'currentPassword is wrong' })).toBe('Dat is niet uw huidige wachtwoord');
    expect(humanIssue('en', { path: 'newPassword', rule: 'user.password.invalid', message: 'newPassword must be at least 12 characters' })).toBe('Use at least 12 characters for a new password');
  });

  it('falls back to "this field" for a path it has no word for', () => {
    expect(humanIssue('en', { path: 'shoeSize', rule: 'isInt', message: 'x' })).toBe('Enter this field as a number');
  });
});

class Sample {
  @IsString() @Length(1, 200) name!: string;
  @IsEmail({}, { message: 'email must be an e-mail address' }) email!: string;
  @IsNumber() @Min(0) amount!: number;
}

describe('formErrors', () => {
  it('maps validation errors to the form fields, each once, the first one to focus', async () => {
    const { errors, issues } = await validateForm(Sample, { email: 'nope', amount: -1 });
    const e = new DomainError('form.invalid', errors.join('; '), errors, issues);
    const shown = formErrors(e, 'nl', { fields: { name: 'customerName' } });
    expect(shown.fields).toEqual({ customerName: 'Vul de naam in', email: 'Vul het e-mailadres in als naam@voorbeeld.nl', amount: 'Vul voor het bedrag 0 of meer in' });
    expect(shown.first).toBe('customerName');
    expect(shown.summary.map((s) => s.field)).toEqual(['customerName', 'email', 'amount']);
    expect(JSON.stringify(shown)).not.toMatch(/is required|must be/);
  });

  it("turns a service's details into field messages, and a refusal without a field into the summary", () => {
    const shown = formErrors(new DomainError('customer.invalid', 'x', ['email or phone must remain: the customer needs a way to be reached']), 'en', { form: 'customer' });
    expect(shown.form).toBe('customer');
    expect(shown.fields.email).toMatch(/^Keep an e-mail address or a phone number/);
    const order = formErrors(new DomainError('stage.out-of-order', 'Complete listen before apologise'), 'sv');
    expect(order.fields).toEqual({});
    expect(order.summary).toEqual([{ field: null, message: 'Slutför stegen före detta först' }]);
    expect(order.first).toBeNull();
  });

  it('puts a coded refusal under the field the form names for it', () => {
    const shown = formErrors(new DomainError('user.email.conflict', 'taken'), 'nb', { fields: { 'user.email.conflict': 'email' } });
    expect(shown.fields).toEqual({ email: 'Noen har allerede en konto med denne e-postadressen' });
    expect(shown.first).toBe('email');
  });
});
