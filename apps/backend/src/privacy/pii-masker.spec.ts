import { describe, expect, it } from '@jest/globals';
import { MaskingSession } from './pii-masker.js';

describe('MaskingSession', () => {
  it('masks names, contacts, dates and identifiers and restores them', () => {
    const session = new MaskingSession(['Jane Doe']);
    const text =
      'My name is Jane Doe, email jane.doe@example.org, phone +1 415-555-0134. Pain since 12 March 2025 (also 2025-03-14). MRN 88231977. My husband Tom Smith drove me. I live at 12 Baker Street. Severity 7/10, 3 days, 500 mg.';
    const masked = session.mask(text);
    for (const secret of ['Jane', 'Doe', 'jane.doe@example.org', '415-555-0134', '12 March 2025', '2025-03-14', '88231977', 'Tom Smith', '12 Baker Street']) {
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
});
