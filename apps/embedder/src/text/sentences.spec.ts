import { describe, expect, it } from '@jest/globals';
import { firstSentence, MAX_OPENING_CHARS, openingSentence } from './sentences.js';

describe('firstSentence', () => {
  it('ends at a period, question or exclamation mark before a capital or a digit', () => {
    expect(firstSentence('A 45-year-old man had fever. He was admitted.')).toBe('A 45-year-old man had fever.');
    expect(firstSentence('Was it sepsis? 3 days later he died.')).toBe('Was it sepsis?');
  });

  it('reads on past an abbreviation and a decimal point', () => {
    expect(firstSentence('She was seen by Dr. Smith at St. Jude with a temperature of 38.5 C. Then she left.')).toBe(
      'She was seen by Dr. Smith at St. Jude with a temperature of 38.5 C.',
    );
  });

  it('is the whole text when no sentence ends', () => {
    expect(firstSentence('fever and cough for two weeks')).toBe('fever and cough for two weeks');
  });
});

describe('openingSentence', () => {
  it('is the first sentence when it is short enough', () => {
    expect(openingSentence('A 45-year-old man had fever. He was admitted.')).toBe('A 45-year-old man had fever.');
  });

  it('cuts a longer opening at the last space within the limit', () => {
    const text = `${'word '.repeat(200)}end`;
    const opening = openingSentence(text);
    expect(opening.length).toBeLessThanOrEqual(MAX_OPENING_CHARS);
    expect(opening.length).toBeGreaterThan(MAX_OPENING_CHARS - 6);
    expect(opening.endsWith('word')).toBe(true);
  });
});
