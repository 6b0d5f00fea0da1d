import { BadRequestException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError } from '../errors/domain-error.js';
import type { FieldIssue } from '../errors/field-issue.js';

/**
 * One message per problem, each naming the field by its full path
 * (`customer.name should not be empty`, `customer.shoeSize is not allowed`).
 */
export function flattenValidationErrors(errors: ValidationError[]): string[] {
  return validationIssues(errors).map((i) => i.message);
}

/** The same problems with their path and rule, for a form to put each under its field. */
export function validationIssues(errors: ValidationError[], parent = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const error of errors) {
    const path = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    if (error.value === undefined && constraints.length && !error.constraints?.whitelistValidation) {
      // A required field that is missing: one message, not every rule it would break.
      const custom = error.constraints?.isDefined?.endsWith('should not be null or undefined') ? undefined : error.constraints?.isDefined;
      issues.push({ path, rule: 'required', message: custom ? named(custom, error.property, path) : `${path} is required` });
      continue;
    }
    for (const [constraint, message] of constraints) {
      if (constraint === 'whitelistValidation') issues.push({ path, rule: 'whitelist', message: `${path} is not an allowed field` });
      else issues.push({ path, rule: ruleOf(constraint, error.value), message: named(message, error.property, path), ...limitIn(message, constraint) });
    }
    if (error.children?.length) issues.push(...validationIssues(error.children, path));
  }
  return issues;
}

/** A bound broken by something that is no number at all ("soon" for minutes) is a number missing. */
function ruleOf(constraint: string, value: unknown): string {
  return ['min', 'max', 'isPositive'].includes(constraint) && typeof value !== 'number' ? 'isNumber' : constraint;
}

/** The number a rule's message names (`must not be longer than 200 characters`); of "between 1 and 100000", the upper for a maximum. */
function limitIn(message: string, constraint: string): { limit?: number } {
  const all = [...message.matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
  if (!all.length) return {};
  return { limit: /^max|MaxSize$/i.test(constraint) || /shorter/.test(message) ? all[all.length - 1]! : all[0]! };
}

/** class-validator starts a message with the property; swap it for the full path. */
function named(message: string, property: string, path: string): string {
  return message.startsWith(property) ? path + message.slice(property.length) : `${path}: ${message}`;
}

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, stopAtFirstError: true } as const;

/**
 * Fields holding a NUL character, by path. No text we keep needs one, and PostgreSQL
 * refuses it in text columns, so it is turned away as bad input rather than met as a 500.
 */
export function nulFields(value: unknown, path = ''): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [`${path || 'body'} must not contain a NUL character`] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nulFields(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nulFields(v, path ? `${path}.${k}` : k));
  return [];
}

/**
 * Keys that would reach an object's prototype machinery (`constructor`, `__proto__`,
 * `prototype`), by path. No field of ours is named so, and class-transformer throws a
 * TypeError on `{"x":{"constructor":{}}}`: turned away as bad input, not met as a 500.
 */
const RESERVED_KEYS = new Set(['constructor', '__proto__', 'prototype']);
export function reservedKeyFields(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => reservedKeyFields(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => {
    const at = path ? `${path}.${k}` : k;
    return RESERVED_KEYS.has(k) ? [`${at} is not an allowed field`] : reservedKeyFields(v, at);
  });
}

/** Input no DTO may hold, whatever its rules: NUL characters and prototype keys. */
export function unsafeInput(value: unknown): string[] {
  return [...nulFields(value), ...reservedKeyFields(value)];
}

class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const nul = unsafeInput(value);
    if (nul.length) throw new BadRequestException(nul);
    return super.transform(value, metadata);
  }
}

/** The global pipe: unknown fields are refused, types are not coerced, every field is named. */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    ...OPTIONS,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new BadRequestException(flattenValidationErrors(errors)),
  });
}

/** The same rules for HTML forms, whose errors go back into the page rather than a 400. */
export async function validateForm<T extends object>(cls: ClassConstructor<T>, plain: object): Promise<{ dto: T; errors: string[]; issues: FieldIssue[] }> {
  const nul = unsafeInput(plain);
  if (nul.length) return { dto: plainToInstance(cls, {}), errors: nul, issues: nul.map((message) => ({ path: message.split(' ')[0]!, rule: 'unsafe', message })) };
  const dto = plainToInstance(cls, plain);
  const issues = validationIssues(await validate(dto, OPTIONS));
  return { dto, errors: issues.map((i) => i.message), issues };
}

/** Form fields through a DTO; invalid input is a DomainError naming each field, for the page to show. */
export async function validated<T extends object>(cls: ClassConstructor<T>, plain: object): Promise<T> {
  const { dto, errors, issues } = await validateForm(cls, plain);
  if (errors.length) throw new DomainError('form.invalid', errors.join('; '), errors, issues);
  return dto;
}
