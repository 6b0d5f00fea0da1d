import { describe, expect, it } from 'vitest';
import { answerSchema, answerSchemas, arrayOf } from './answer-schemas.js';

describe('answerSchema', () => {
  it('keeps a shared answer once and hands out a reference to it', () => {
    const ref = answerSchema('SpecThing', { type: 'object', properties: { id: { type: 'string' } } });
    expect(ref).toEqual({ $ref: '#/components/schemas/SpecThing' });
    expect(arrayOf(ref)).toEqual({ type: 'array', items: { $ref: '#/components/schemas/SpecThing' } });
    expect(answerSchemas().SpecThing).toEqual({ type: 'object', properties: { id: { type: 'string' } } });
    // The same schema again (a module imported twice) is the same component.
    expect(answerSchema('SpecThing', { type: 'object', properties: { id: { type: 'string' } } })).toEqual(ref);
  });

  it('refuses two different schemas under one name', () => {
    answerSchema('SpecOther', { type: 'string' });
    expect(() => answerSchema('SpecOther', { type: 'integer' })).toThrow(/SpecOther/);
  });
});
