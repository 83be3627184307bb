import { describe, expect, it } from 'vitest';
import { isStorableText, plainText, requestText } from './text.js';

describe('request text', () => {
  it('accepts any well-formed text, emoji (surrogate pairs) included', () => {
    for (const text of ['plain', 'naïve café', 'chest pain 😷', '中文', '']) {
      expect(isStorableText(text)).toBe(true);
      expect(requestText().safeParse(text).success).toBe(true);
    }
  });

  it('refuses NUL and unpaired surrogates with a reason for each', () => {
    const reasons = (value: string) =>
      requestText()
        .safeParse(value)
        .error?.issues.map((i) => i.message);
    expect(reasons('a\u0000b')).toEqual(['must not contain NUL characters']);
    expect(reasons('a\ud800b')).toEqual(['must not contain unpaired UTF-16 surrogates']);
    expect(reasons('\udc00')).toEqual(['must not contain unpaired UTF-16 surrogates']);
    expect(reasons('😷'.slice(0, 1))).toEqual(['must not contain unpaired UTF-16 surrogates']);
    expect(isStorableText('x\u0000')).toBe(false);
    expect(isStorableText('x\udfff')).toBe(false);
  });

  it('plainText trims and bounds after the same checks', () => {
    const schema = plainText({ min: 1, max: 5 });
    expect(schema.parse('  abc  ')).toBe('abc');
    expect(schema.safeParse('      ').success).toBe(false);
    expect(schema.safeParse('abcdef').success).toBe(false);
    expect(schema.safeParse('ab\ud800').error?.issues.map((i) => i.message)).toEqual(['must not contain unpaired UTF-16 surrogates']);
  });
});
