import { describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { type ParseOptions, type ParsedRow, parseRows, SourceFormatError } from './parse.js';

const HEADER = 'patient_id,patient_uid,PMID,file_path,title,patient,age,gender\n';
const row = (uid: string, text: string, age = "[[60.0, 'year']]", gender = 'M') =>
  `0,${uid},123,p.xml,A title,"${text}","${age}",${gender}\n`;

async function collect(
  source: Buffer | string,
  format: 'csv' | 'json' | 'jsonl' = 'csv',
  mapping?: Record<string, string>,
  chunkSize = 7,
  options: ParseOptions = {},
): Promise<ParsedRow[]> {
  const bytes = Buffer.from(source);
  // Odd chunk sizes so records and multi-byte characters straddle chunk borders.
  const chunks = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const out: ParsedRow[] = [];
  for await (const r of parseRows(Readable.from(chunks), format, mapping, options)) out.push(r);
  return out;
}

describe('parse stage: CSV', () => {
  it('maps the PMC-Patients columns, numbers rows and keeps quoted commas and newlines', async () => {
    const rows = await collect(HEADER + row('1-1', 'He had fever, cough\nand ""dyspnea"".') + row('1-2', 'Émile, 3 ans — naïve'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      row: 1,
      line: 3,
      fields: {
        caseId: '1-1',
        pmid: '123',
        title: 'A title',
        text: 'He had fever, cough\nand "dyspnea".',
        age: "[[60.0, 'year']]",
        sex: 'M',
      },
      // The source column of each field, as the file names it (rejection reasons quote it).
      columns: { caseId: 'patient_uid', pmid: 'PMID', title: 'title', text: 'patient', age: 'age', sex: 'gender' },
    });
    expect(rows[1]!.fields.text).toBe('Émile, 3 ans — naïve');
  });

  it('turns broken quoting, a wrong field count and non-UTF-8 bytes into unreadable rows and goes on', async () => {
    const source = Buffer.concat([
      Buffer.from(HEADER + row('1-1', 'ok one')),
      Buffer.from('0,1-2,123,p.xml,A title,bro"ken quote,"[[1.0, \'year\']]",F\n'),
      Buffer.from('0,1-3,123,p.xml,only six fields\n'),
      Buffer.from('0,1-4,123,p.xml,A title,"caf'),
      Buffer.from([0xe9, 0xff]),
      Buffer.from(' latin-1","[[1.0, \'year\']]",F\n'),
      Buffer.from(row('1-5', 'ok five')),
    ]);
    const rows = await collect(source);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.unreadable).toBeUndefined();
    expect(rows[1]!.unreadable).toMatchObject({ field: '(row)', reason: expect.stringContaining('INVALID_OPENING_QUOTE') });
    expect(rows[2]!.unreadable).toEqual({ field: '(row)', reason: 'has 5 fields, the header has 8' });
    expect(rows[3]!.unreadable).toEqual({
      field: 'text',
      reason: expect.stringMatching(
        /^column "patient" holds bytes that are not valid UTF-8 \(an export in Windows-1252 or Latin-1\? Save the file as UTF-8/,
      ),
    });
    expect(rows[3]!.fields.caseId).toBe('1-4');
    expect(rows[4]!.fields.caseId).toBe('1-5');
  });

  it('carries a 10 MB field through to validation instead of failing the file', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const rows = await collect(HEADER + row('1-1', big) + row('1-2', 'after the big one'), 'csv', undefined, 65_537);
    expect(rows.map((r) => (r.fields.text as string).length)).toEqual([big.length, 17]);
  });

  it('follows a column mapping for renamed columns', async () => {
    const rows = await collect('uid,body,years,sex\nk1,"some text",33,F\n', 'csv', { caseId: 'uid', text: 'body', age: 'years' });
    expect(rows[0]!.fields).toEqual({ caseId: 'k1', text: 'some text', age: '33', sex: 'F' });
  });

  it('finds the usual columns whatever their case (an export that writes PATIENT_UID or Gender), preferring an exact name', async () => {
    const rows = await collect('PATIENT_UID,Patient,Age,Gender,TITLE\nu1,"some text",33,F,A title\n');
    expect(rows[0]!.fields).toEqual({ caseId: 'u1', text: 'some text', age: '33', sex: 'F', title: 'A title' });
    expect(rows[0]!.columns).toMatchObject({ caseId: 'PATIENT_UID', sex: 'Gender' });
    const both = await collect('ID,id,patient\nupper,lower,"text"\n');
    expect(both[0]!.fields.caseId).toBe('lower');
  });

  it('skips blank lines and rows of empty cells (an export ending in ,,,,) instead of rejecting them', async () => {
    const rows = await collect(`\n${HEADER}\n${row('e-1', 'first')}   \r\n,,,,,,,\n${row('e-2', 'second')}\n\n`);
    expect(rows.map((r) => [r.row, r.line, r.fields.caseId ?? r.unreadable])).toEqual([
      [1, 4, 'e-1'],
      [2, 7, 'e-2'],
    ]);
  });

  it('fails the source, naming the column, when a required one is missing', async () => {
    await expect(collect('patient_uid,title\n1,t\n')).rejects.toThrow(SourceFormatError);
    await expect(collect('patient_uid,title\n1,t\n')).rejects.toThrow(/text: none of the columns "patient", "text"/);
    await expect(collect('a,b\n1,2\n', 'csv', { text: 'body' })).rejects.toThrow(/columnMapping.text: column "body" is not in the source/);
  });

  it('names at most 20 of the columns it found, each cut at 40 characters: a file without its header offers a case as its names', async () => {
    const wide = `${Array.from({ length: 25 }, (_, i) => `c${i}`).join(',')}\n`;
    await expect(collect(wide)).rejects.toThrow(/columns found: "c0", .*"c19" and 5 more\)$/);
    const headerless = row('PMC-1', 'Jane Example, a 45-year-old teacher from Leeds, presented with chest pain');
    await expect(collect(headerless)).rejects.toThrow(/"Jane Example, a 45-year-old teacher from…"/);
  });

  it('says so when the header is separated by semicolons or tabs', async () => {
    await expect(collect('patient_uid;patient;age\n1;some text;45\n')).rejects.toThrow(/separated by ";": save the file with commas/);
    await expect(collect('patient_uid\tpatient\n1\tsome text\n')).rejects.toThrow(/separated by tabs/);
  });
});

describe('parse stage: row and physical line numbers', () => {
  /** 300 rows: every 7th has two CRLFs inside its quotes, every 11th a bare LF, every 37th stray quotes in an unquoted field. */
  function messyCsv(): { csv: string; expected: { row: number; line: number; bad: boolean }[] } {
    let csv = 'patient_uid,patient,age,gender\r\n';
    let nextLine = 2;
    const expected = [];
    for (let i = 1; i <= 300; i++) {
      const bad = i % 37 === 0;
      const breaks = bad ? 0 : i % 7 === 0 ? 2 : i % 11 === 0 ? 1 : 0;
      const text = bad
        ? `said "dizzy" and "tired" ${i}`
        : `"case ${i}${i % 7 === 0 ? '\r\nline two\r\nline three' : i % 11 === 0 ? '\nsecond' : ''}"`;
      csv += `r-${i},${text},${40 + (i % 30)},F\r\n`;
      const start = nextLine;
      nextLine += 1 + breaks;
      // A readable row reports the line it ends on; one the parser cannot split, the line it starts on.
      expected.push({ row: i, line: bad ? start : start + breaks, bad });
    }
    return { csv, expected };
  }

  it.each([7, 4096])(
    'numbers 300 rows and their physical lines exactly, one rejection per bad record (chunks of %d bytes)',
    async (chunkSize) => {
      const { csv, expected } = messyCsv();
      const rows = await collect(csv, 'csv', undefined, chunkSize);
      expect(rows.map((r) => ({ row: r.row, line: r.line, bad: r.unreadable !== undefined }))).toEqual(expected);
      expect(rows.filter((r) => r.unreadable).map((r) => r.unreadable!.reason)).toEqual(
        Array(8).fill(
          'CSV INVALID_OPENING_QUOTE: a quote inside an unquoted field (column "patient"); quote the whole field and double the quotes inside it',
        ),
      );
      expect(rows.filter((r) => !r.unreadable).map((r) => r.fields.caseId)).toEqual(
        expected.filter((e) => !e.bad).map((e) => `r-${e.row}`),
      );
    },
  );
});

describe('parse stage: JSON Lines and JSON', () => {
  it('reads JSONL line by line, a bad line being one unreadable row', async () => {
    const lines = [
      JSON.stringify({ patient_uid: 'j1', text: 'first case text', age: [[3, 'month']], gender: 'F' }),
      '{"patient_uid": "j2", "text": broken',
      '',
      JSON.stringify({ patient_uid: 'j3', text: 'third', age: "[[40.0, 'year']]", gender: 'M' }),
    ].join('\n');
    const rows = await collect(lines, 'jsonl');
    expect(rows.map((r) => [r.row, r.line])).toEqual([
      [1, 1],
      [2, 2],
      [3, 4],
    ]);
    expect(rows[0]!.fields).toMatchObject({ caseId: 'j1', text: 'first case text', age: [[3, 'month']], sex: 'F' });
    expect(rows[1]!.unreadable?.reason).toMatch(/^not valid JSON/);
    expect(rows[2]!.fields.caseId).toBe('j3');
  });

  it('rejects a JSONL line with bytes that are not UTF-8', async () => {
    const source = Buffer.concat([
      Buffer.from('{"patient_uid":"a","text":"ok"}\n{"patient_uid":"b","text":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}\n'),
    ]);
    const rows = await collect(source, 'jsonl');
    expect(rows[1]!.unreadable).toEqual({
      field: '(row)',
      reason: expect.stringMatching(/^the line holds bytes that are not valid UTF-8 \(/),
    });
  });

  it('streams a JSON array (the V2 release)', async () => {
    const rows = await collect(
      JSON.stringify([{ patient_uid: 'v1', patient: 'text one', age: [[60, 'year']], gender: 'M', PMID: 7 }, 42]),
      'json',
    );
    expect(rows[0]).toMatchObject({ row: 1, line: null, fields: { caseId: 'v1', text: 'text one', pmid: 7 } });
    expect(rows[1]!.unreadable).toEqual({ field: '(row)', reason: 'is not a JSON object' });
  });

  it('keeps the whole elements of a JSON array that breaks off and rejects the rest as one row, saying why', async () => {
    for (const chunkSize of [7, 4096]) {
      const rows = await collect(
        '[{"patient_uid":"v1","text":"a"}, {"patient_uid":"v2","text":"b"}, {"patient_uid": ',
        'json',
        undefined,
        chunkSize,
      );
      expect(rows.map((r) => r.fields.caseId ?? r.unreadable)).toEqual([
        'v1',
        'v2',
        { field: '(row)', reason: expect.stringMatching(/^the JSON breaks off after element 2: Parser has expected a value/) },
      ]);
    }
  });

  it('fails a JSON source that breaks before its first element, or is not JSON at all, saying why', async () => {
    await expect(collect('[{"patient_uid": ', 'json')).rejects.toThrow(
      /^the JSON cannot be read after element 0: Parser has expected a value/,
    );
    await expect(collect('patient_uid,patient\nx,some text\n', 'json')).rejects.toThrow(/^the JSON cannot be read after element 0/);
  });

  it('rejects a JSONL line over the record limit as one row, without holding it, and reads on with exact line numbers', async () => {
    const ok = (id: string) => JSON.stringify({ patient_uid: id, text: 'short' });
    const long = JSON.stringify({ patient_uid: 'big', text: 'y'.repeat(500) });
    for (const chunkSize of [7, 64, 4096]) {
      const rows = await collect([ok('a'), long, ok('b'), long, long, ok('c')].join('\n'), 'jsonl', undefined, chunkSize, {
        maxRecordBytes: 100,
      });
      expect(rows.map((r) => [r.row, r.line, r.fields.caseId ?? r.unreadable?.reason])).toEqual([
        [1, 1, 'a'],
        [2, 2, 'the line is longer than 100 bytes'],
        [3, 3, 'b'],
        [4, 4, 'the line is longer than 100 bytes'],
        [5, 5, 'the line is longer than 100 bytes'],
        [6, 6, 'c'],
      ]);
    }
  });

  it('fails a JSON array whose element is over the record limit, naming the element', async () => {
    const source = JSON.stringify([
      { patient_uid: 'v1', text: 'fine' },
      { patient_uid: 'v2', text: 'z'.repeat(500) },
    ]);
    await expect(collect(source, 'json', undefined, 7, { maxRecordBytes: 100 })).rejects.toThrow(
      /^element 2 of the JSON array is longer than 100 characters$/,
    );
    expect(await collect(source, 'json', undefined, 7, { maxRecordBytes: 1000 })).toHaveLength(2);
  });

  it.each(['jsonl', 'json'] as const)(
    'reads each %s object by its own keys: a first case without age or title does not hide them in the next',
    async (format) => {
      // Serializers often drop null fields, so the first object is no header.
      const objects = [
        { patient_uid: 'n1', patient: 'first case, age not reported', gender: 'F' },
        { patient_uid: 'n2', patient: 'second case', age: [[61, 'year']], gender: 'M', title: 'A title', PMID: 42 },
      ];
      const source = format === 'json' ? JSON.stringify(objects) : objects.map((o) => JSON.stringify(o)).join('\n');
      const rows = await collect(source, format);
      expect(rows[0]!.fields).toEqual({ caseId: 'n1', text: 'first case, age not reported', sex: 'F' });
      expect(rows[1]!.fields).toEqual({ caseId: 'n2', text: 'second case', age: [[61, 'year']], sex: 'M', title: 'A title', pmid: 42 });
      expect(rows[1]!.columns).toMatchObject({ age: 'age', title: 'title', pmid: 'PMID' });
    },
  );

  it('rejects a leading JSONL object that is not a case (export metadata) as one row and reads the cases after it', async () => {
    const lines = [
      JSON.stringify({ exported: '2026-12-01', source: 'PMC-Patients', count: 2 }),
      JSON.stringify({ patient_uid: 'm1', patient: 'case one', age: [[30, 'year']], gender: 'F' }),
      JSON.stringify({ patient_uid: 'm2', patient: 'case two', age: [[40, 'year']], gender: 'M' }),
    ].join('\n');
    const rows = await collect(lines, 'jsonl');
    expect(rows[0]).toMatchObject({ row: 1, line: 1, unreadable: { field: 'caseId' } });
    expect(rows[0]!.unreadable!.reason).toMatch(
      /^none of the keys "patient_uid", .* is in this object; .*keys found: "exported", "source", "count"/,
    );
    expect(rows.slice(1).map((r) => r.fields.caseId)).toEqual(['m1', 'm2']);
  });

  it('keeps a mapped optional key optional per object, and a mapped required key required', async () => {
    const mapping = { caseId: 'ref', text: 'body', age: 'years' };
    const lines = [
      JSON.stringify({ ref: 'k1', body: 'no age given here' }),
      JSON.stringify({ ref: 'k2', body: 'with age', years: 50, age: 'not this one' }),
      JSON.stringify({ ref: 'k3', text: 'body under another key' }),
    ].join('\n');
    const rows = await collect(lines, 'jsonl', mapping);
    expect(rows[0]!.fields).toEqual({ caseId: 'k1', text: 'no age given here' });
    expect(rows[1]!.fields).toMatchObject({ caseId: 'k2', text: 'with age', age: 50 });
    expect(rows[2]!.unreadable).toEqual({
      field: 'text',
      reason: expect.stringMatching(/^columnMapping.text: key "body" is not in this object/),
    });
  });

  it('reads what the content is when the name says otherwise: an array named .jsonl, one object per line named .json', async () => {
    const cases = [
      { patient_uid: 'w1', patient: 'first case' },
      { patient_uid: 'w2', patient: 'second case' },
    ];
    const pretty = `\n  ${JSON.stringify(cases, null, 2)}\n`;
    expect((await collect(pretty, 'jsonl')).map((r) => [r.row, r.line, r.fields.caseId])).toEqual([
      [1, null, 'w1'],
      [2, null, 'w2'],
    ]);
    const lines = cases.map((c) => JSON.stringify(c)).join('\r\n');
    for (const chunkSize of [3, 4096]) {
      expect((await collect(lines, 'json', undefined, chunkSize)).map((r) => [r.row, r.line, r.fields.caseId])).toEqual([
        [1, 1, 'w1'],
        [2, 2, 'w2'],
      ]);
    }
  });

  it('fails a JSON source that holds one object spread over lines, saying what a JSON source must be', async () => {
    await expect(collect(JSON.stringify({ meta: { count: 2 }, cases: [] }, null, 2), 'json')).rejects.toThrow(
      /^the JSON is one object, not an array of cases: send an array \[\{…\}, …\] or JSON Lines \(one case object per line\)$/,
    );
  });

  it('fails a JSON source none of whose first 100 objects is a case, as a CSV with a wrong header fails', async () => {
    const lines = Array.from({ length: 150 }, (_, i) => JSON.stringify({ name: `n${i}`, body: 'not a case file' })).join('\n');
    await expect(collect(lines, 'jsonl', undefined, 4096)).rejects.toThrow(
      /^none of the first 100 objects is a case: caseId: none of the keys .*keys found: "name", "body"/,
    );
    // Fewer objects than that: each is a rejected row with the reason, and the job reports them.
    const few = await collect(lines.split('\n').slice(0, 3).join('\n'), 'jsonl');
    expect(few.map((r) => r.unreadable?.field)).toEqual(['caseId', 'caseId', 'caseId']);
  });
});

describe('parse stage: byte order marks, encodings and binary content', () => {
  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
  const csv =
    HEADER.replaceAll('\n', '\r\n') +
    row('b-1', 'Excel export, first row').replace('\n', '\r\n') +
    row('b-2', 'second row').replace('\n', '\r\n');

  it.each([1, 2, 3, 7, 4096])(
    'reads a CSV that starts with a UTF-8 BOM (chunks of %d bytes), with and without a column mapping',
    async (chunkSize) => {
      const rows = await collect(Buffer.concat([BOM, Buffer.from(csv)]), 'csv', undefined, chunkSize);
      expect(rows.map((r) => [r.row, r.fields.caseId, r.fields.text, r.unreadable])).toEqual([
        [1, 'b-1', 'Excel export, first row', undefined],
        [2, 'b-2', 'second row', undefined],
      ]);
      const mapped = await collect(
        Buffer.concat([BOM, Buffer.from('uid,body,years,sex\r\nk1,"some text",33,F\r\n')]),
        'csv',
        { caseId: 'uid', text: 'body', age: 'years' },
        chunkSize,
      );
      expect(mapped[0]!.fields).toEqual({ caseId: 'k1', text: 'some text', age: '33', sex: 'F' });
    },
  );

  it('reads JSON Lines and JSON arrays that start with a BOM', async () => {
    const jsonl = await collect(
      Buffer.concat([BOM, Buffer.from('{"patient_uid":"j1","text":"one"}\n{"patient_uid":"j2","text":"two"}\n')]),
      'jsonl',
    );
    expect(jsonl.map((r) => [r.line, r.fields.caseId])).toEqual([
      [1, 'j1'],
      [2, 'j2'],
    ]);
    const json = await collect(Buffer.concat([BOM, Buffer.from('[{"patient_uid":"v1","text":"one"}]')]), 'json');
    expect(json[0]!.fields.caseId).toBe('v1');
  });

  it('transcodes UTF-16 text (Excel "Unicode Text") with its BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv.replace('first row', 'naïve — 1er'), 'utf16le')]);
    const rows = await collect(le, 'csv', undefined, 5);
    expect(rows.map((r) => r.fields.text)).toEqual(['Excel export, naïve — 1er', 'second row']);
    const be = Buffer.from(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]).swap16());
    expect((await collect(be, 'csv')).map((r) => r.fields.caseId)).toEqual(['b-1', 'b-2']);
  });

  it('refuses binary content and UTF-32, saying why', async () => {
    const random = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 256));
    await expect(collect(random)).rejects.toThrow(/^the file holds binary content, not text \(NUL bytes/);
    const noNul = Buffer.from(Array.from({ length: 20_000 }, (_, i) => 0x80 + ((i * 31) % 120)));
    await expect(collect(noNul, 'jsonl')).rejects.toThrow(
      /^the file holds binary content, not text \(\d+% of its first characters are not valid UTF-8\)/,
    );
    await expect(collect(Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]))).rejects.toThrow(
      /UTF-32 LE text, which is not supported: save it as UTF-8/,
    );
  });

  it('keeps a mostly-UTF-8 file with a few Latin-1 bytes: those rows are rejected per field, not the file', async () => {
    const rows = await collect(
      Buffer.concat([
        Buffer.from(HEADER + row('l-1', 'fine')),
        Buffer.from('0,l-2,1,p.xml,t,"caf'),
        Buffer.from([0xe9]),
        Buffer.from('",45,F\n'),
      ]),
    );
    expect(rows[1]!.unreadable).toEqual({
      field: 'text',
      reason: expect.stringMatching(
        /^column "patient" holds bytes that are not valid UTF-8 \(an export in Windows-1252 or Latin-1\? Save the file as UTF-8/,
      ),
    });
  });
});
