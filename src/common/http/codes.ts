import { Transform } from 'class-transformer';

/**
 * ISO codes as people type them: `SE`, `se` and ` Se ` are one country. Each is stored in the
 * form the data already uses — countries and languages lower-case, currencies upper-case —
 * and anything that is not a string is left for the validators to refuse.
 */
export const lowerCode = (value: unknown): unknown => (typeof value === 'string' ? value.trim().toLowerCase() : value);
export const upperCode = (value: unknown): unknown => (typeof value === 'string' ? value.trim().toUpperCase() : value);

/** A country (ISO 3166 alpha-2) or language (ISO 639-1) code, in either case. */
export const LowerCode = (): PropertyDecorator => Transform(({ value }) => lowerCode(value));

/** A currency code (ISO 4217), in either case. */
export const UpperCode = (): PropertyDecorator => Transform(({ value }) => upperCode(value));
