import { describe, expect, it } from '@jest/globals';
import { DocumentEncoder, GrowableInts, TermMatrixBuilder } from './term-matrix.js';
import { normalizeText, tokenize } from './tokenizer.js';

function matrixOf(texts: string[], negation = true) {
  const b = new TermMatrixBuilder({ negation });
  for (const t of texts) b.addDocument(t);
  return b.build();
}

describe('tokenizer', () => {
  it('lowercases, drops stop words and marks negated findings until the clause ends', () => {
    expect(tokenize('The patient had NO fever, cough or rash. Dyspnea was present')).toEqual([
      'patient',
      'not_fever',
      'not_cough',
      'not_rash',
      'dyspnea',
      'present',
    ]);
    expect(tokenize('denied chest pain but reported nausea')).toEqual(['not_chest', 'not_pain', 'reported', 'nausea']);
    expect(tokenize('no fever', { negation: false })).toEqual(['no', 'fever']);
  });
});

describe('term matrix', () => {
  it('counts each term once per document for df and keeps its count within the document', () => {
    const matrix = matrixOf(['fever fever cough', 'cough', 'rash fever fever fever']);
    const row = (d: number) => {
      const out: Record<string, number> = {};
      for (let p = matrix.rowPtr[d]!; p < matrix.rowPtr[d + 1]!; p++) out[matrix.terms[matrix.termIds[p]!]!] = matrix.counts[p]!;
      return out;
    };
    expect([row(0), row(1), row(2)]).toEqual([{ fever: 2, cough: 1 }, { cough: 1 }, { rash: 1, fever: 3 }]);
    expect(Object.fromEntries(matrix.terms.map((t, i) => [t, matrix.df[i]]))).toEqual({ fever: 2, cough: 2, rash: 1 });
    expect(Array.from(matrix.docLength)).toEqual([3, 1, 4]);
  });

  it('builds the same matrix when some pages are tokenized by an encoder with its own vocabulary', () => {
    const texts = [
      'fever fever cough, no rash',
      'rash and pruritus',
      'Ménière disease with vertigo; no fever',
      '',
      'cough cough haemoptysis, μg of TNF-α',
      'vertigo, tinnitus and fever',
      'haemoptysis',
      'pruritus without rash but fever',
    ];
    const whole = matrixOf(texts);
    // Pages of two: the encoder takes the second and the fourth (its vocabulary spans both), the builder the others.
    const builder = new TermMatrixBuilder({ negation: true });
    const encoder = new DocumentEncoder({ negation: true });
    for (let page = 0; page < texts.length / 2; page++) {
      const docs = texts.slice(page * 2, page * 2 + 2);
      if (page % 2 === 1) builder.addEncoded(encoder.encode(docs));
      else for (const doc of docs) builder.addDocument(doc);
    }
    const mixed = builder.build();
    expect(mixed.terms).toEqual(whole.terms);
    expect(mixed.docCount).toBe(whole.docCount);
    for (const key of ['df', 'rowPtr', 'termIds', 'counts', 'docLength'] as const)
      expect(Array.from(mixed[key])).toEqual(Array.from(whole[key]));
  });

  it('grows past its first allocation without losing or reordering values', () => {
    const ints = new GrowableInts(Int32Array);
    const n = 5_000_000; // 20 MB: more than one growth step
    for (let i = 0; i < n; i++) ints.push(i * 3);
    ints.increment(5);
    const values = ints.toArray();
    expect(values.length).toBe(n);
    expect([values[4], values[5], values[n - 1]]).toEqual([12, 16, (n - 1) * 3]);
    const counts = new GrowableInts(Uint16Array);
    counts.push(65_535);
    expect(Array.from(counts.toArray())).toEqual([65_535]);
  });

  it('moves to a larger reservation when it outgrows its own, keeping every value', () => {
    const ints = new GrowableInts(Int32Array, 32 * 1024 * 1024);
    const n = 20_000_000; // 80 MB: past the 32 MB reservation twice over
    for (let i = 0; i < n; i++) ints.push(i);
    const values = ints.toArray();
    expect(values.length).toBe(n);
    expect([values[0], values[8_388_607], values[8_388_608], values[n - 1]]).toEqual([0, 8_388_607, 8_388_608, n - 1]);
  });
});

describe('tokenizer: Unicode text', () => {
  it('folds accents and compatibility forms, so either spelling finds the other', () => {
    expect(tokenize("Ménière's disease")).toEqual(tokenize("Meniere's disease"));
    expect(tokenize('Ménière')).toEqual(['meniere']);
    expect(tokenize('MÉNIÈRE')).toEqual(['meniere']);
    // Decomposed input (e + combining acute) is the same word as the precomposed one.
    expect(tokenize('Me\u0301nie\u0300re')).toEqual(['meniere']);
    expect(tokenize('Sjögren, Behçet, Guillain–Barré')).toEqual(['sjogren', 'behcet', 'guillain', 'barre']);
    // NFKC: full-width letters and ligatures are their plain letters.
    expect(tokenize('ＣＯＶＩＤ pulmonary ﬁbrosis')).toEqual(['covid', 'pulmonary', 'fibrosis']);
    expect(tokenize('Straße, œdema')).toEqual(['strasse', 'oedema']);
    // A trade mark is not part of the word; a combining mark with no letter before it is not a word.
    expect(tokenize('VIZIGO™ sheath')).toEqual(['vizigo', 'sheath']);
    expect(tokenize('s \u0327 x')).toEqual(['s', 'x']);
  });

  it('writes the micro prefix u and spells out Greek letters used as symbols, as ASCII case reports do', () => {
    // The micro sign (U+00B5) and Greek mu (U+03BC) are the same prefix.
    expect(tokenize('5 µg/kg, 10 μl, 3 μmol/L')).toEqual(tokenize('5 ug/kg, 10 ul, 3 umol/L'));
    expect(tokenize('5 µg')).toEqual(['5', 'ug']);
    expect(tokenize('TNF-α, β2-microglobulin, κ/λ ratio, no β-blocker')).toEqual(
      tokenize('TNF-alpha, beta2-microglobulin, kappa/lambda ratio, no beta-blocker'),
    );
    expect(tokenize('TNFα γδ T cells')).toEqual(['tnfalpha', 'gammadelta', 't', 'cells']);
    // A Greek word is Greek text, not symbols.
    expect(tokenize('Ασθενής, πυρετός')).toEqual(['ασθενης', 'πυρετος']);
  });

  it('keeps negation scopes and stop words the same as in ASCII text', () => {
    expect(tokenize('Patient denied vértigo. Tinnitus présent')).toEqual(['patient', 'not_vertigo', 'tinnitus', 'present']);
    expect(tokenize('没有发热。咳嗽')).toEqual(expect.arrayContaining(['发热', '咳嗽']));
    expect(tokenize('denied fever！cough', {})).toEqual(['not_fever', 'cough']);
  });

  it('keeps letters of other scripts as words instead of dropping them', () => {
    // Cyrillic й is a letter of its own, not an accented и.
    expect(tokenize('Пациент с лихорадкой')).toEqual(['пациент', 'с', 'лихорадкой']);
    // Arabic vowel signs are folded like accents: the vowelled and the plain spelling match.
    expect(tokenize('حُمَّى')).toEqual(tokenize('حمى'));
    expect(tokenize('حمى')).toEqual(['حمى']);
  });

  it('cuts Chinese, Japanese and Thai into words with the ICU segmenter', () => {
    const chinese = tokenize('患者被诊断为肺炎，伴有发热。');
    expect(chinese).toEqual(expect.arrayContaining(['患者', '诊断', '肺炎', '发热']));
    expect(tokenize('肺炎')).toEqual(['肺炎']);
    const japanese = tokenize('患者はメニエール病と診断された');
    expect(japanese).toEqual(expect.arrayContaining(['患者', 'メニエール', '診断']));
    const thai = tokenize('ผู้ป่วยมีไข้สูงและไอ');
    expect(thai).toEqual(expect.arrayContaining(['ผู้', 'ป่วย', 'ไข้']));
    // A Thai vowel sign is part of the word, not an accent to strip.
    expect(thai.join('')).toContain('ผู้');
    expect(tokenize('COVID-19肺炎')).toEqual(['covid', '19', '肺炎']);
  });

  it('leaves plain ASCII text exactly as before', () => {
    expect(normalizeText('No Fever, 38.5 C')).toBe('no fever, 38.5 c');
    expect(tokenize('A 60-year-old man with fever; no cough')).toEqual(['60', 'year', 'old', 'man', 'fever', 'not_cough']);
  });
});
