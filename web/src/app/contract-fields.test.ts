import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { emailSchema, textSchema } from '../../../contracts/fields.ts';
import { inviteUserInputSchema } from '../../../contracts/users.ts';
import { fieldRules } from './contract-fields.ts';

describe('fieldRules reads a field’s rules from its contract', () => {
  const schema = z.strictObject({
    name: textSchema(120).pipe(z.string().min(1)),
    note: textSchema(2000).optional(),
    email: emailSchema,
    hours: z.number().int().min(0).max(40),
    choice: z.enum(['a', 'b']),
    maybe: z.enum(['a', 'b']).nullable(),
    agree: z.literal(true),
    tags: z
      .array(z.strictObject({ label: z.string().min(2).max(30) }))
      .min(1)
      .max(5),
    counted: z.preprocess((value) => Number(value), z.number().max(9)),
  });

  it('takes the maximum length of a trimmed, refined text', () => {
    expect(fieldRules(schema, 'note')).toEqual({ required: false, maxLength: 2000 });
  });

  it('treats a text with a minimum length as required', () => {
    expect(fieldRules(z.object({ a: z.string().min(1).max(5) }), 'a')).toEqual({
      required: true,
      minLength: 1,
      maxLength: 5,
    });
  });

  it('treats a formatted text such as an e-mail address as required, with its limit', () => {
    expect(fieldRules(schema, 'email')).toEqual({ required: true, maxLength: 254 });
  });

  it('gives a number its range', () => {
    expect(fieldRules(schema, 'hours')).toEqual({ required: true, min: 0, max: 40 });
  });

  it('marks a choice required unless it may be empty', () => {
    expect(fieldRules(schema, 'choice').required).toBe(true);
    expect(fieldRules(schema, 'maybe').required).toBe(false);
  });

  it('marks a box that must be ticked as required', () => {
    expect(fieldRules(schema, 'agree').required).toBe(true);
  });

  it('follows arrays by index into their elements', () => {
    expect(fieldRules(schema, 'tags')).toEqual({ required: true, minLength: 1, maxLength: 5 });
    expect(fieldRules(schema, 'tags.3.label')).toEqual({ required: true, minLength: 2, maxLength: 30 });
  });

  it('reads the checks after a preprocess step', () => {
    expect(fieldRules(schema, 'counted')).toEqual({ required: true, max: 9 });
  });

  it('knows nothing of a path the contract does not have', () => {
    expect(fieldRules(schema, 'unknown')).toEqual({ required: false });
    expect(fieldRules(schema, 'name.deeper')).toEqual({ required: false });
  });

  it('reads the real invitation contract', () => {
    expect(fieldRules(inviteUserInputSchema, 'email').maxLength).toBe(254);
    expect(fieldRules(inviteUserInputSchema, 'name').required).toBe(true);
  });
});
