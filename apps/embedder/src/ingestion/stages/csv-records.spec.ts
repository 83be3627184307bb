import { describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { type CsvItem, csvRecords, FastRecords } from './csv-records.js';

/** An item as the rows are built from it; csv-parse's line numbers are left out of messages (they count from where it started). */
function view(item: CsvItem) {
  if ('skipped' in item)
    return { code: item.skipped.code, message: item.skipped.message.replace(/ at line \d+/, ''), index: item.skipped.index, at: item.at };
  return { record: item.record.map((b) => b.toString('latin1')), at: item.at };
}

async function read(source: Buffer, chunkSize: number, fastPath: boolean, maxRecordBytes = 1 << 20) {
  const chunks: Buffer[] = [];
  for (let i = 0; i < source.length; i += chunkSize) chunks.push(source.subarray(i, i + chunkSize));
  const seen: Buffer[] = [];
  const out: ReturnType<typeof view>[] = [];
  for await (const item of csvRecords(Readable.from(chunks), maxRecordBytes, (c) => seen.push(c), { fastPath })) {
    // csv-parse may repeat an error of one record a number of times that depends on its chunks; the rows keep one.
    const last = out.at(-1);
    if ('skipped' in item && last && 'code' in last && last.at === item.at) continue;
    out.push(view(item));
  }
  expect(Buffer.concat(seen)).toEqual(source); // every chunk reaches the line counter, once, in order
  return out;
}

async function expectSameAsCsvParse(source: string | Buffer, maxRecordBytes?: number) {
  const bytes = Buffer.from(source);
  // Against csv-parse fed the same chunks: past its size limit csv-parse drops the rest of the chunk it was reading,
  // so what it reads after an oversized record depends on where its chunks end (the fuzz below stays under the limit).
  const reference = await read(bytes, Math.max(1, bytes.length), false, maxRecordBytes);
  for (const size of [1, 2, 3, 7, 64, Math.max(1, bytes.length)]) {
    const items = await read(bytes, size, true, maxRecordBytes);
    expect({ size, source: bytes.toString('latin1'), items }).toEqual({
      size,
      source: bytes.toString('latin1'),
      items: await read(bytes, size, false, maxRecordBytes),
    });
  }
  return reference;
}

const HEADER = 'id,title,text,age\n';

describe('CSV records: the fast path reads what csv-parse reads', () => {
  it.each([
    ['plain rows with quoted commas, newlines and quotes', `${HEADER}1,A,"fever, cough\nand ""dyspnea""",40\n2,,"",\n3,B,x,1,\n`],
    ['CRLF line ends', HEADER.replace('\n', '\r\n') + '1,A,"two\r\nlines",40\r\n2,B,text,41\r\n'],
    ['CR line ends', '1,2\r3,"4\r5"\r6,7'],
    ['no newline at the end, a quoted last field', `${HEADER}1,A,"last"`],
    ['a comma as the last byte', `${HEADER}1,A,b,`],
    ['empty lines', `${HEADER}\n1,A,b,2\n\n\n2,B,c,3\n`],
    ['only a header', HEADER],
    ['nothing', ''],
    ['a newline alone', '\n'],
    [
      'multi-byte and invalid UTF-8',
      Buffer.concat([Buffer.from(`${HEADER}1,"Émile — naïve",`), Buffer.from([0xe9, 0xff]), Buffer.from(',2\n')]),
    ],
  ])('%s', async (_name, source) => {
    await expectSameAsCsvParse(source);
  });

  it.each([
    ['a quote inside an unquoted field', `${HEADER}1,A,bro"ken,2\n2,B,ok,3\n`],
    ['a quote inside the header', `i"d,title\n1,2\n`],
    ['text after a closing quote', `${HEADER}1,A,"closed"then,2\n2,B,ok,3\n`],
    ['a quote never closed', `${HEADER}1,A,ok,2\n2,B,"never closed,3\n3,C,ok,4\n`],
    ['several stray quotes in one record', `${HEADER}1,"a"b"c,"d"e,2\n2,B,ok,3\n`],
    ['CRLF first, a bare LF later', 'a,b\r\n1,2\n3,4\r\n5,6\r\n'],
    ['LF first, a CR inside an unquoted field later', 'a,b\n1,x\ry\n3,4\n'],
    ['LF first, CRLF later', 'a,b\n1,2\r\n3,4\n'],
    ['CR first, LF later', 'a,b\r1,2\n3,4\r'],
  ])('hands %s to csv-parse with the same errors and offsets', async (_name, source) => {
    await expectSameAsCsvParse(source);
  });

  it('leaves records over the size limit to csv-parse, quoted or not', async () => {
    const long = 'x'.repeat(100);
    const items = await expectSameAsCsvParse(`${HEADER}1,A,"${long}",2\n2,B,${long},3\n3,C,ok,4\n`, 64);
    expect(items.filter((i) => 'code' in i).map((i) => 'code' in i && i.code)).toContain('CSV_MAX_RECORD_SIZE');
  });

  it('reads random mixes of commas, quotes and line ends like csv-parse', async () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = ['a', 'b', ',', ',', '"', '"', '\n', '\n', '\r', 'é'];
    for (let n = 0; n < 500; n++) {
      let source = '';
      const length = Math.floor(random() * 60);
      for (let i = 0; i < length; i++) source += alphabet[Math.floor(random() * alphabet.length)];
      await expectSameAsCsvParse(source);
    }
  });
});

describe('CSV records: the fast path itself', () => {
  const all = (source: string) => {
    const fast = new FastRecords(1 << 20);
    fast.add(Buffer.from(source));
    const out: (string[] | string)[] = [];
    for (let next = fast.next(true); next !== null; next = fast.next(true)) {
      if (typeof next === 'string') return [...out, next];
      out.push(next.record.map(String));
    }
    return out;
  };

  it('reads plain CSV to the end without csv-parse', () => {
    expect(all('a,b,c\n1,"x, ""y""\nz",\n2,,"3"\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, "y"\nz', ''],
      ['2', '', '3'],
    ]);
    expect(all('a,b\r\n1,"2\r\n3"\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2\r\n3'],
    ]);
  });

  it('hands over at the first record it is not sure of', () => {
    expect(all('a,b\n1,x"y\n2,3\n')).toEqual([['a', 'b'], 'hand over']);
    expect(all('a,b\n1,"x"y\n')).toEqual([['a', 'b'], 'hand over']);
    expect(all('a,b\n1,"x\n')).toEqual([['a', 'b'], 'hand over']);
    expect(all('a,b\n1,2\r\n')).toEqual([['a', 'b'], 'hand over']);
  });

  it('asks for more bytes while a record is incomplete, and hands over one longer than its limit', () => {
    const fast = new FastRecords(16);
    fast.add(Buffer.from('a,"b\n'));
    expect(fast.next(false)).toBe('more');
    fast.add(Buffer.from('c",d\r'));
    expect(fast.next(false)).toBe('more'); // \r or \r\n?
    fast.add(Buffer.from('\n1,'));
    expect(fast.next(false)).toEqual({ record: [Buffer.from('a'), Buffer.from('b\nc'), Buffer.from('d')], at: 11 });
    fast.add(Buffer.from('x'.repeat(20)));
    expect(fast.next(false)).toBe('hand over');
  });
});
