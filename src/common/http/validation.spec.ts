import { Type } from 'class-transformer';
import { IsNotEmpty, IsString, ValidateNested } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { nulFields, reservedKeyFields, validateForm } from './validation.js';

class Inner {
  @IsString() @IsNotEmpty() name: string;
}
class Outer {
  @IsString() title: string;
  @ValidateNested() @Type(() => Inner) customer: Inner;
}

describe('validation messages', () => {
  it('name nested fields by their full path', async () => {
    const { errors } = await validateForm(Outer, { title: 'x', customer: { name: '' } });
    expect(errors).toEqual(['customer.name should not be empty']);
  });
  it('name unknown fields, also nested ones', async () => {
    const { errors } = await validateForm(Outer, { title: 'x', extra: 1, customer: { name: 'a', shoe: 42 } });
    expect(errors).toEqual(['extra is not an allowed field', 'customer.shoe is not an allowed field']);
  });
  it('say a missing field is required, once', async () => {
    const { errors } = await validateForm(Outer, { customer: {} });
    expect(errors).toEqual(['title is required', 'customer.name is required']);
  });
  it('refuse a NUL character anywhere, by path', async () => {
    const { errors } = await validateForm(Outer, { title: 'a\u0000b', customer: { name: 'x' } });
    expect(errors).toEqual(['title must not contain a NUL character']);
    expect(nulFields({ list: ['ok', 'n\u0000'] })).toEqual(['list[1] must not contain a NUL character']);
  });
  it('refuse prototype keys anywhere, by path, rather than let class-transformer throw (found by the fuzz)', async () => {
    const { errors } = await validateForm(Outer, JSON.parse('{"title":"t","customer":{"name":"x"},"x":{"constructor":{"prototype":{}}}}'));
    expect(errors).toEqual(['x.constructor is not an allowed field']);
    expect(reservedKeyFields(JSON.parse('[{"__proto__":{"admin":true}}]'))).toEqual(['[0].__proto__ is not an allowed field']);
    expect(reservedKeyFields({ customer: { name: 'constructor' } })).toEqual([]);
  });
  it('name wrong types', async () => {
    const { errors } = await validateForm(Outer, { title: 5, customer: { name: 'a' } });
    expect(errors).toEqual(['title must be a string']);
  });
});
