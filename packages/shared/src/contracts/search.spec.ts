import { describe, expect, it } from 'vitest';
import { toFieldIssues } from './errors.js';
import { searchRequestSchema } from './search.js';

describe('searchRequestSchema', () => {
  it('carries the patient as data', () => {
    expect(searchRequestSchema.parse({ query: 'cough', patient: { age: 35, sex: 'F' } }).patient).toEqual({ age: 35, sex: 'F' });
  });
  it('defaults topK to 10', () => {
    expect(searchRequestSchema.parse({ query: 'cough' }).topK).toBe(10);
  });
  it.each([
    [{ query: '' }, 'query'],
    [{ query: 'x', topK: 0 }, 'topK'],
    [{ query: 'x', topK: 10_000 }, 'topK'],
    [{ query: 'x'.repeat(100_000) }, 'query'],
    [{ query: 'x', filters: { bmi: 3 } }, 'filters'],
    [{ query: 'x', filters: { ageMin: 50, ageMax: 20 } }, 'filters.ageMin'],
    [{ query: 'x', patient: { age: -1 } }, 'patient.age'],
    [{ query: 'x', patient: { sex: 'X' } }, 'patient.sex'],
    [{ query: 'x', patient: { weight: 70 } }, 'patient'],
  ])('rejects %j naming the field %s', (body, field) => {
    const result = searchRequestSchema.safeParse(body);
    expect(result.success).toBe(false);
    if (!result.success) expect(toFieldIssues(result.error).map((i) => i.field)).toContain(field);
  });
});
