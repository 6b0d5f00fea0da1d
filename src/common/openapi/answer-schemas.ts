import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';

/** A documented answer: its schema (or a reference to a shared one) and an example that validates against it. */
export interface Answer {
  schema: SchemaObject | ReferenceObject;
  example?: unknown;
}

const components = new Map<string, SchemaObject>();

/**
 * A schema that several operations answer with (a ticket, a dealer, a contact…): the
 * document holds it once, under components/schemas/{name}, and each operation refers to
 * it instead of carrying a copy that drifts. Registered as the answers files are imported,
 * before the document is built.
 */
export function answerSchema(name: string, schema: SchemaObject): ReferenceObject {
  const known = components.get(name);
  if (known && JSON.stringify(known) !== JSON.stringify(schema)) throw new Error(`Two different answer schemas named ${name}`);
  components.set(name, schema);
  return { $ref: `#/components/schemas/${name}` };
}

/** An array of a shared schema. */
export const arrayOf = (item: ReferenceObject): SchemaObject => ({ type: 'array', items: item });

/** The shared answer schemas, for the document's components. */
export function answerSchemas(): Record<string, SchemaObject> {
  return Object.fromEntries(components);
}
