import { Column, type ColumnOptions, type ValueTransformer } from 'typeorm';

/** Decimal columns come back as strings from PostgreSQL; the app works in numbers. */
export const decimalTransformer: ValueTransformer = {
  to: (value?: number | null) => value,
  from: (value?: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

/** JSON kept as text, so SQLite and PostgreSQL store it the same way. */
export const jsonTransformer: ValueTransformer = {
  to: (value: unknown) => (value === undefined ? undefined : JSON.stringify(value)),
  from: (value?: string | null) => (value === null || value === undefined ? value : JSON.parse(value)),
};

/**
 * A point in time. `Date` lets each driver pick its type (SQLite datetime, stored in UTC);
 * migrations make it `timestamptz` on PostgreSQL.
 */
export function TimestampColumn(options: Omit<ColumnOptions, 'type'> = {}): PropertyDecorator {
  return Column({ ...options, type: Date });
}
