import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { findEmails, MaskingSession } from './pii-masker.js';

/** The expression findEmails replaces: slow on long runs, but the reference for where addresses are. */
const EMAIL_REGEX = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
const regexSpans = (text: string) => [...text.matchAll(EMAIL_REGEX)].map((m) => [m.index, m.index + m[0].length]);

describe('MaskingSession', () => {
  it('masks names, contacts, dates and identifiers and restores them', () => {
    const session = new MaskingSession(['Jane Doe']);
    const text =
      'My name is Jane Doe, email jane.doe@example.org, phone +1 415-555-0134. Pain since 12 March 2025 (also 2025-03-14). MRN 88231977. My husband Tom Smith drove me. I live at 12 Baker Street. Severity 7/10, 3 days, 500 mg.';
    const masked = session.mask(text);
    for (const secret of [
      'Jane',
      'Doe',
      'jane.doe@example.org',
      '415-555-0134',
      '12 March 2025',
      '2025-03-14',
      '88231977',
      'Tom Smith',
      '12 Baker Street',
    ]) {
      expect(masked).not.toContain(secret);
    }
    // Clinically needed numbers stay.
    expect(masked).toContain('7/10');
    expect(masked).toContain('3 days');
    expect(masked).toContain('500 mg');
    expect(session.restore(masked)).toBe(text);
  });

  it('uses the same placeholder for the same value and restores text the model wrote around it', () => {
    const session = new MaskingSession(['Ann Lee']);
    const masked = session.mask('Ann Lee reports pain. Ann Lee took ibuprofen.');
    const placeholders = masked.match(/\[NAME_\d+\]/g) ?? [];
    expect(new Set(placeholders).size).toBe(1);
    expect(session.restore(`Summary: ${placeholders[0]} has pain.`)).toBe('Summary: Ann Lee has pain.');
  });

  it('never masks citation tags (public case ids)', () => {
    const session = new MaskingSession();
    expect(session.mask('See [case:7651234-1] and MRN 88231977.')).toBe('See [case:7651234-1] and MRN [ID_1].');
  });

  it('leaves text without personal data unchanged', () => {
    const session = new MaskingSession();
    const text = 'A 45-year-old woman with chest pain for 2 hours, worse on exertion, 8/10.';
    expect(session.mask(text)).toBe(text);
    expect(session.maskedCount).toBe(0);
  });

  it('finds e-mail addresses exactly where the regular expression does (any text over the characters that matter)', () => {
    const alphabet = fc.constantFrom('a', 'Z', '7', '_', '.', '+', '-', '@', ' ', 'é', '\n');
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 60 }), (text) => {
        expect(findEmails(text)).toEqual(regexSpans(text));
      }),
      { numRuns: 5000 },
    );
    for (const text of [
      'jane.doe@example.org',
      'x@y@z.com',
      'a@b.c-',
      'a@b.--',
      'a@b.c.--.d',
      '.+a@b.cd',
      '..@x.com',
      'a@b',
      'mail me: j@x.io, k@y.io.',
      'a.b-@c-d.e-f-',
    ]) {
      expect(findEmails(text)).toEqual(regexSpans(text));
    }
  });

  it('masks the addresses in 20,000 characters of notes built to make the old expression quadratic', () => {
    // Linear by construction (see findEmails): no duration is asserted here, only the result.
    const noise = 'a.'.repeat(5000); // 10,000 characters of the worst case for the regex
    const text = `${noise} write to jane.doe@example.org or ${'a+'.repeat(4000)} x_y@mail.example.co.uk. ${'b.'.repeat(999)}`;
    expect(text.length).toBeGreaterThanOrEqual(20_000);
    const session = new MaskingSession();
    const masked = session.mask(text);
    expect(masked).not.toContain('jane.doe@example.org');
    expect(masked).not.toContain('x_y@mail.example.co.uk');
    expect(masked.match(/\[EMAIL_\d\]/g)).toEqual(['[EMAIL_1]', '[EMAIL_2]']);
    expect(masked.startsWith(noise)).toBe(true);
    expect(session.restore(masked)).toBe(text);
    const found = findEmails(text).map(([start, end]) => text.slice(start, end));
    expect(found).toEqual(['jane.doe@example.org', 'x_y@mail.example.co.uk']);
  });
});
