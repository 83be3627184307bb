import { type CsvError, Parser } from 'csv-parse';
import { Readable } from 'node:stream';

/** A record as bytes per field, or an error csv-parse skipped the record for; `at` is a byte offset in the source. */
export type CsvItem =
  /** `at`: the offset just past the record's terminating newline (the source's length for a last record without one). */
  | { record: Buffer[]; at: number }
  /** `at`: csv-parse's offset of the error (where the record or its last field started); `index`: fields read before it. */
  | { skipped: CsvError & { index?: number }; at: number };

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** Records longer than this are left to csv-parse: its size limit and error stay as they are, and no record is rescanned for long. */
const FAST_RECORD_BYTES = 1024 * 1024;

type RecordDelimiter = '\n' | '\r\n' | '\r';

/**
 * The common case of RFC 4180 CSV, byte for byte what csv-parse (with the options below) reads from it: a quoted field
 * jumps from quote to quote, where csv-parse appends each byte on its own (most of the reader thread's time). The first
 * byte it is not sure of (a quote inside an unquoted field, anything after a closing quote but a comma or the line
 * end, a line end other than the file's first, an unclosed quote, a long record) hands the source from the start of
 * that record to csv-parse, so every broken row gets csv-parse's own error.
 */
export class FastRecords {
  /** Bytes from the start of the next record. */
  pending: Buffer = Buffer.alloc(0);
  /** Source offset of pending[0]. */
  base = 0;
  /** Found like csv-parse: the first \r\n, \n or \r outside quotes. */
  delimiter: RecordDelimiter | null = null;

  constructor(private readonly maxBytes: number) {}

  add(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
  }

  /** The next record, 'more' when it needs more bytes, 'hand over' when csv-parse must read from here, null at the end. */
  next(end: boolean): { record: Buffer[]; at: number } | 'more' | 'hand over' | null {
    const buf = this.pending;
    const len = buf.length;
    if (len === 0) return end ? null : 'more';
    const record: Buffer[] = [];
    let p = 0;
    for (;;) {
      if (p > this.maxBytes) return 'hand over';
      let after: number; // just past the field
      if (buf[p] === QUOTE) {
        let from = p + 1;
        const parts: Buffer[] = [];
        for (;;) {
          const q = buf.indexOf(QUOTE, from);
          if (q === -1) return end ? 'hand over' : len > this.maxBytes ? 'hand over' : 'more';
          if (q + 1 >= len && !end) return len > this.maxBytes ? 'hand over' : 'more';
          if (buf[q + 1] === QUOTE) {
            // "" is one quote inside a quoted field.
            parts.push(buf.subarray(from, q + 1));
            from = q + 2;
            continue;
          }
          const last = buf.subarray(from, q);
          record.push(parts.length === 0 ? last : Buffer.concat([...parts, last]));
          after = q + 1;
          break;
        }
      } else {
        let i = p;
        while (i < len) {
          const b = buf[i]!;
          if (b === COMMA || b === LF || b === CR) break;
          if (b === QUOTE) return 'hand over';
          i++;
        }
        if (i === len && !end) return len > this.maxBytes ? 'hand over' : 'more';
        record.push(buf.subarray(p, i));
        after = i;
      }
      if (after === len) {
        if (!end) return len > this.maxBytes ? 'hand over' : 'more';
        return this.take(record, len);
      }
      const b = buf[after];
      if (b === COMMA) {
        p = after + 1;
        // A comma as the last byte of the source ends the record with an empty field.
        if (p === len && end) {
          record.push(buf.subarray(p, p));
          return this.take(record, len);
        }
        continue;
      }
      if (b !== LF && b !== CR) return 'hand over';
      // csv-parse needs the byte after a \r to tell \r\n from \r.
      if (b === CR && after + 1 >= len && !end) return len > this.maxBytes ? 'hand over' : 'more';
      const found: RecordDelimiter = b === LF ? '\n' : buf[after + 1] === LF ? '\r\n' : '\r';
      this.delimiter ??= found;
      if (found !== this.delimiter) return 'hand over';
      return this.take(record, after + found.length);
    }
  }

  private take(record: Buffer[], consumed: number): { record: Buffer[]; at: number } | 'hand over' {
    if (consumed > this.maxBytes) return 'hand over';
    const at = this.base + consumed;
    this.pending = this.pending.subarray(consumed);
    this.base = at;
    return { record, at };
  }
}

/**
 * The records of a CSV source, in order: the fast path above while the CSV is plain, csv-parse from the first record
 * it is not (or from the start with `fastPath: false`). `onChunk` sees every source chunk, in order, as it is read.
 */
export async function* csvRecords(
  source: Readable,
  maxRecordBytes: number,
  onChunk: (chunk: Buffer) => void,
  { fastPath = true }: { fastPath?: boolean } = {},
): AsyncGenerator<CsvItem> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const fast = new FastRecords(Math.min(FAST_RECORD_BYTES, maxRecordBytes));
  let end = false;
  try {
    while (fastPath) {
      const next = fast.next(end);
      if (next === null) return;
      if (next === 'hand over') break;
      if (next !== 'more') {
        yield next;
        continue;
      }
      const read = await chunks.next();
      if (read.done) end = true;
      else {
        onChunk(read.value);
        fast.add(read.value);
      }
    }
    // The rest, from the start of the record the fast path stopped at.
    async function* rest(): AsyncGenerator<Buffer> {
      if (fast.pending.length > 0) yield fast.pending;
      if (end) return;
      for (let read = await chunks.next(); !read.done; read = await chunks.next()) {
        onChunk(read.value);
        yield read.value;
      }
    }
    yield* csvParseRecords(Readable.from(rest(), { objectMode: false }), maxRecordBytes, fast.base, fast.delimiter);
  } finally {
    await chunks.return?.();
  }
}

/** csv-parse over `source`, which starts at offset `base` of the CSV at a record's start. */
async function* csvParseRecords(
  source: Readable,
  maxRecordBytes: number,
  base: number,
  delimiter: RecordDelimiter | null,
): AsyncGenerator<CsvItem> {
  const parser: Parser = new Parser({
    encoding: null,
    // The byte order mark is dropped before the parser (asUtf8Text): csv-parse's own `bom: true`
    // switches its output to strings on seeing one, which the byte-level field decoder cannot read.
    bom: false,
    info: true,
    skip_records_with_error: true,
    relax_column_count: true, // counted by the caller, with a plainer message
    max_record_size: maxRecordBytes,
    // The delimiter csv-parse would have found on the bytes before `base`.
    ...(delimiter ? { record_delimiter: delimiter } : {}),
    // Skipped records are pushed into the same stream so they keep their place among the rows.
    on_skip: (error: CsvError | undefined) => {
      if (error) parser.push({ skipped: error });
    },
  });
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  type Item = { record: Buffer[]; info: { bytes: number } } | { skipped: CsvError & { bytes?: number; index?: number } };
  for await (const item of parser as AsyncIterable<Item>) {
    if ('skipped' in item) yield { skipped: item.skipped, at: item.skipped.bytes === undefined ? -1 : base + item.skipped.bytes };
    else yield { record: item.record, at: base + item.info.bytes };
  }
}
