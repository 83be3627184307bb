import type { CaseField, ColumnMapping, IngestionFormat } from '@patientinsight/shared';
import { CASE_FIELDS } from '@patientinsight/shared';
import type { CsvError } from 'csv-parse';
import { Readable } from 'node:stream';
import streamArray from 'stream-json/streamers/stream-array.js';
import withParser from 'stream-json/utils/with-parser.js';
import { csvRecords } from './csv-records.js';
import { asUtf8Text, SourceFormatError } from './source-text.js';

/** One row as read from the source: raw values per case field, or why it could not be read at all. */
export interface ParsedRow {
  /** 1-based position among the data rows of the source (the header is not a row). */
  row: number;
  /** Source line where the row ends (CSV, JSONL); null for JSON arrays. */
  line: number | null;
  fields: Partial<Record<CaseField, unknown>>;
  /** Set when the row is unreadable (broken quoting, bad JSON, bytes that are not UTF-8). */
  unreadable?: { field: string; reason: string };
  /** The source column each case field was read from, as the file names it (one object per source). */
  columns?: Partial<Record<CaseField, string>>;
}

export { SourceFormatError };

/** PMC-Patients V1 (CSV) and V2 (JSON) column names, tried in order when the mapping names none. */
export const DEFAULT_COLUMNS: Record<CaseField, string[]> = {
  caseId: ['patient_uid', 'case_id', 'caseId', 'uid', 'id'],
  pmid: ['PMID', 'pmid'],
  title: ['title'],
  text: ['patient', 'text'],
  age: ['age'],
  sex: ['gender', 'sex'],
};
const REQUIRED: CaseField[] = ['caseId', 'text'];

/** Largest CSV record held in memory; far above any real case so that oversized fields reach validation with their name. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Said of a field or line that does not decode; the usual cause is a spreadsheet's default 8-bit export. */
const NOT_UTF8 =
  'holds bytes that are not valid UTF-8 (an export in Windows-1252 or Latin-1? Save the file as UTF-8; in Excel, "CSV UTF-8")';

/** Which source column feeds each case field, given the header and an optional mapping. */
export function resolveColumns(header: string[], mapping: ColumnMapping | null | undefined): Partial<Record<CaseField, string>> {
  const { resolved, missing } = matchColumns(header, mapping, false);
  if (missing.length > 0) {
    const problems = missing.map(({ field, mapped }) =>
      mapped !== undefined
        ? `columnMapping.${field}: column "${mapped}" is not in the source`
        : `${field}: none of the columns ${quotedDefaults(field)} is in the source; name it with columnMapping.${field}`,
    );
    // A spreadsheet saved as CSV in a locale whose decimal mark is a comma separates fields with semicolons.
    const separator = header.length === 1 ? [';', '\t', '|'].find((c) => header[0]!.includes(c)) : undefined;
    const hint = separator
      ? `; the header looks separated by ${separator === '\t' ? 'tabs' : `"${separator}"`}: save the file with commas between fields, or as JSON Lines`
      : '';
    throw new SourceFormatError(`${problems.join('; ')} (columns found: ${describeColumns(header)})${hint}`);
  }
  return resolved;
}

/**
 * The source column of each case field, and the fields the names do not supply: a mapped column that is absent (with
 * `optionalMayBeAbsent`, only a required field's), or a required field none of whose default names is present.
 */
function matchColumns(
  names: string[],
  mapping: ColumnMapping | null | undefined,
  optionalMayBeAbsent: boolean,
): { resolved: Partial<Record<CaseField, string>>; missing: { field: CaseField; mapped?: string }[] } {
  const present = new Set(names);
  // Exports from other systems capitalise names (PATIENT_UID, Gender): a default name matches in any case, an exact one first.
  const byLowerCase = new Map<string, string>();
  for (const name of names) if (!byLowerCase.has(name.toLowerCase())) byLowerCase.set(name.toLowerCase(), name);
  const resolved: Partial<Record<CaseField, string>> = {};
  const missing: { field: CaseField; mapped?: string }[] = [];
  for (const field of CASE_FIELDS) {
    const wanted = mapping?.[field];
    if (wanted !== undefined) {
      if (present.has(wanted)) resolved[field] = wanted;
      else if (!optionalMayBeAbsent || REQUIRED.includes(field)) missing.push({ field, mapped: wanted });
      continue;
    }
    const found =
      DEFAULT_COLUMNS[field].find((c) => present.has(c)) ??
      DEFAULT_COLUMNS[field].map((c) => byLowerCase.get(c.toLowerCase())).find((c) => c !== undefined);
    if (found) resolved[field] = found;
  }
  for (const field of REQUIRED) if (!resolved[field] && mapping?.[field] === undefined) missing.push({ field });
  return { resolved, missing };
}

const quotedDefaults = (field: CaseField) => DEFAULT_COLUMNS[field].map((c) => `"${c}"`).join(', ');

// A header row is short; a file without one offers its first row instead, which may be a whole case.
const SHOWN_COLUMNS = 20;
const SHOWN_NAME_CHARS = 40;
function describeColumns(header: string[]): string {
  if (header.length === 0) return 'none';
  const shown = header
    .slice(0, SHOWN_COLUMNS)
    .map((h) => `"${h.length > SHOWN_NAME_CHARS ? `${h.slice(0, SHOWN_NAME_CHARS)}…` : h}"`)
    .join(', ');
  return header.length > SHOWN_COLUMNS ? `${shown} and ${header.length - SHOWN_COLUMNS} more` : shown;
}

function decodeField(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Physical line numbers by byte offset, counted on the bytes the parser reads: csv-parse's own `lines`
 * counts a CRLF inside a quoted field as two lines. Offsets are asked in increasing order, so chunks
 * before the last one asked are dropped and only the parser's read-ahead is held.
 */
class LineIndex {
  private readonly chunks: { start: number; bytes: Buffer }[] = [];
  private received = 0;
  private countedTo = 0;
  private newlines = 0;

  add(bytes: Buffer): void {
    this.chunks.push({ start: this.received, bytes });
    this.received += bytes.length;
  }

  /** The 1-based line of the byte at `offset`. */
  lineAt(offset: number): number {
    while (this.chunks.length > 0 && this.countedTo < offset) {
      const { start, bytes } = this.chunks[0]!;
      const end = Math.min(offset, start + bytes.length);
      for (let nl = bytes.indexOf(0x0a, this.countedTo - start); nl !== -1 && start + nl < end; nl = bytes.indexOf(0x0a, nl + 1))
        this.newlines += 1;
      this.countedTo = end;
      if (end === start + bytes.length) this.chunks.shift();
    }
    return this.newlines + 1;
  }
}

/** A parser error as a reason people can act on; csv-parse's own line numbers are left out (see LineIndex). */
function skippedReason(error: CsvError & { index?: number }, header: string[]): string {
  const column = error.index !== undefined && header[error.index] !== undefined ? ` (column "${header[error.index]}")` : '';
  if (error.code === 'INVALID_OPENING_QUOTE')
    return `CSV ${error.code}: a quote inside an unquoted field${column}; quote the whole field and double the quotes inside it`;
  return `CSV ${error.code}: ${error.message.replace(/ at line \d+/, '').replace(/, value is .*$/s, '')}${column}`;
}

/**
 * CSV, streamed: fields stay bytes until each is decoded strictly, so a row with bytes that are not
 * UTF-8 is rejected naming its column instead of silently turning into U+FFFD. A record the parser
 * cannot read (broken quoting) becomes one unreadable row with the parser's reason; its line is the
 * one where it starts (where it ends is not known), a readable row's the one where it ends.
 */
async function* parseCsv(
  source: Readable,
  mapping: ColumnMapping | null | undefined,
  maxRecordBytes: number,
  fastPath: boolean,
): AsyncGenerator<ParsedRow> {
  const lines = new LineIndex();
  const records = csvRecords(source, maxRecordBytes, (chunk) => lines.add(chunk), { fastPath });
  let columns: { field: CaseField; index: number }[] | null = null;
  let sourceColumns: Partial<Record<CaseField, string>> = {};
  let header: string[] = [];
  let row = 0;
  // csv-parse reports every stray quote of a record as its own error, all with the record's start offset.
  let lastSkippedAt = -1;
  for await (const item of records) {
    if ('skipped' in item) {
      const error = item.skipped;
      if (!columns) throw new SourceFormatError(`the CSV header cannot be read: ${error.message}`);
      const at = item.at;
      if (at !== -1 && at === lastSkippedAt) continue;
      lastSkippedAt = at;
      row += 1;
      const line = at === -1 ? null : lines.lineAt(at);
      yield { row, line, fields: {}, unreadable: { field: '(row)', reason: skippedReason(error, header) } };
      continue;
    }
    const { record, at } = item;
    // A blank line, or a row of empty cells (spreadsheets end exports with them), is no data row.
    if (isBlankRecord(record)) continue;
    // `at` is the offset just past the record's terminating newline: its last byte ends the row's line.
    const line = lines.lineAt(Math.max(0, at - 1));
    if (!columns) {
      header = record.map((b) => (decodeField(b) ?? '').trim());
      const resolved = resolveColumns(header, mapping);
      sourceColumns = resolved;
      columns = Object.entries(resolved).map(([field, name]) => ({ field: field as CaseField, index: header.indexOf(name) }));
      continue;
    }
    row += 1;
    if (record.length !== header.length) {
      yield {
        row,
        line,
        fields: {},
        unreadable: { field: '(row)', reason: `has ${record.length} fields, the header has ${header.length}` },
      };
      continue;
    }
    const fields: ParsedRow['fields'] = {};
    let unreadable: ParsedRow['unreadable'];
    for (const { field, index } of columns) {
      const text = decodeField(record[index]!);
      if (text === null) {
        unreadable ??= { field, reason: `column "${header[index]}" ${NOT_UTF8}` };
        continue;
      }
      fields[field] = text;
    }
    yield unreadable ? { row, line, fields, unreadable } : { row, line, fields, columns: sourceColumns };
  }
  if (!columns) throw new SourceFormatError('the CSV is empty: no header row');
}

/** A space, tab, CR or LF. */
const isBlankByte = (byte: number) => byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === 0x0a;

function isBlankRecord(record: Buffer[]): boolean {
  return record.every((field) => field.every(isBlankByte));
}

type Mapped =
  | { fields: ParsedRow['fields']; columns: Partial<Record<CaseField, string>>; unreadable?: undefined }
  | { fields?: undefined; columns?: undefined; unreadable: { field: string; reason: string } };

/** Objects read before a source none of whose objects is a case fails as a whole. */
const LEADING_OBJECTS = 100;
/** Distinct key sets whose columns are remembered (a hostile file could make every object's keys different). */
const REMEMBERED_KEY_SETS = 1000;

/**
 * The case fields of JSON objects. JSON has no header, so each object is read by its own keys (remembered per key set):
 * an object that leaves out an optional key, as serializers do with nulls, does not hide that column in the next, and
 * an object that is not a case (export metadata, say) is one rejected row. A source none of whose first
 * `LEADING_OBJECTS` objects is a case fails, as a CSV with a wrong header does.
 */
class ObjectReader {
  private readonly byKeys = new Map<
    string,
    { columns: Partial<Record<CaseField, string>> } | { problem: { field: string; reason: string } }
  >();
  private seenCase = false;
  private leadingMisses = 0;

  constructor(private readonly mapping: ColumnMapping | null | undefined) {}

  read(value: unknown): Mapped {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return { unreadable: { field: '(row)', reason: 'is not a JSON object' } };
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    const signature = keys.join('\u0000');
    let match = this.byKeys.get(signature);
    if (!match) {
      match = this.match(keys);
      if (this.byKeys.size < REMEMBERED_KEY_SETS) this.byKeys.set(signature, match);
    }
    if ('problem' in match) {
      if (!this.seenCase && ++this.leadingMisses >= LEADING_OBJECTS)
        throw new SourceFormatError(
          `none of the first ${LEADING_OBJECTS} objects is a case: ${match.problem.field}: ${match.problem.reason}`,
        );
      return { unreadable: match.problem };
    }
    this.seenCase = true;
    const fields: ParsedRow['fields'] = {};
    for (const [field, key] of Object.entries(match.columns)) {
      const v = record[key];
      // The JSON parser already decoded the bytes; U+FFFD is what invalid UTF-8 became.
      if (typeof v === 'string' && v.includes('\uFFFD')) return { unreadable: { field, reason: `column "${key}" ${NOT_UTF8}` } };
      fields[field as CaseField] = v;
    }
    return { fields, columns: match.columns };
  }

  private match(keys: string[]) {
    const { resolved, missing } = matchColumns(keys, this.mapping, true);
    const first = missing[0];
    if (!first) return { columns: resolved };
    const found = `(keys found: ${describeColumns(keys)})`;
    const reason =
      first.mapped !== undefined
        ? `columnMapping.${first.field}: key "${first.mapped}" is not in this object ${found}`
        : `none of the keys ${quotedDefaults(first.field)} is in this object; name it with columnMapping.${first.field} ${found}`;
    return { problem: { field: first.field, reason } };
  }
}

/** A JSONL line over the size limit: dropped while it streams, reported as one unreadable row. */
interface OverlongLine {
  overlong: true;
}

/**
 * Splits a byte stream into lines without decoding, so each line is decoded (strictly) on its own.
 * A line longer than `maxBytes` is never held: its bytes are dropped up to the next newline.
 */
async function* byteLines(source: Readable, maxBytes: number): AsyncGenerator<Buffer | OverlongLine> {
  let rest: Buffer = Buffer.alloc(0);
  let skipping = false;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    let data = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let nl = data.indexOf(0x0a, start); nl !== -1; nl = data.indexOf(0x0a, start)) {
      if (skipping) skipping = false;
      else if (nl - start > maxBytes) yield { overlong: true };
      else yield data.subarray(start, nl);
      start = nl + 1;
    }
    data = data.subarray(start);
    if (!skipping && data.length > maxBytes) {
      yield { overlong: true };
      skipping = true;
    }
    rest = skipping ? Buffer.alloc(0) : Buffer.from(data);
  }
  if (rest.length > 0) yield rest;
}

/** JSON Lines: one object per line; a bad line is one rejected row, the rest go on. */
async function* parseJsonl(source: Readable, mapping: ColumnMapping | null | undefined, maxRecordBytes: number): AsyncGenerator<ParsedRow> {
  const objects = new ObjectReader(mapping);
  let row = 0;
  let line = 0;
  for await (const bytes of byteLines(source, maxRecordBytes)) {
    line += 1;
    if (!Buffer.isBuffer(bytes)) {
      row += 1;
      yield { row, line, fields: {}, unreadable: { field: '(row)', reason: `the line is longer than ${maxRecordBytes} bytes` } };
      continue;
    }
    const text = decodeField(bytes);
    if (text !== null && text.trim() === '') continue;
    row += 1;
    if (text === null) {
      yield { row, line, fields: {}, unreadable: { field: '(row)', reason: `the line ${NOT_UTF8}` } };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { row, line, fields: {}, unreadable: { field: '(row)', reason: `not valid JSON: ${(error as Error).message}` } };
      continue;
    }
    const mapped = objects.read(value);
    yield mapped.unreadable
      ? { row, line, fields: {}, unreadable: mapped.unreadable }
      : { row, line, fields: mapped.fields, columns: mapped.columns };
  }
}

/** A JSON array of objects (the V2 release), streamed element by element. */
async function* parseJsonArray(
  source: Readable,
  mapping: ColumnMapping | null | undefined,
  maxRecordBytes: number,
): AsyncGenerator<ParsedRow> {
  const objects = new ObjectReader(mapping);
  const elements = withParser.asStream(sizeCappedElements(maxRecordBytes) as Parameters<typeof withParser.asStream>[0], { packKeys: true });
  let sourceError: Error | undefined;
  source.on('error', (error) => {
    sourceError = error;
    elements.destroy(error);
  });
  source.pipe(elements);
  let row = 0;
  try {
    for await (const { value } of elements as AsyncIterable<{ key: number; value: unknown }>) {
      row += 1;
      const mapped = objects.read(value);
      yield mapped.unreadable
        ? { row, line: null, fields: {}, unreadable: mapped.unreadable }
        : { row, line: null, fields: mapped.fields, columns: mapped.columns };
    }
  } catch (error) {
    if (error instanceof SourceFormatError) throw error;
    // An object spread over lines: a one-line object was read as JSON Lines (jsonFormatOf).
    if (row === 0 && /Top-level object should be an array/.test((error as Error).message))
      throw new SourceFormatError(
        'the JSON is one object, not an array of cases: send an array [{…}, …] or JSON Lines (one case object per line)',
      );
    // Whole elements then a break (an export cut off): they stand and the rest is one rejected row, as a CSV's broken last record is.
    if (row > 0 && error !== sourceError) {
      const reason = `the JSON breaks off after element ${row}: ${(error as Error).message}`;
      yield { row: row + 1, line: null, fields: {}, unreadable: { field: '(row)', reason } };
      return;
    }
    throw new SourceFormatError(`the JSON cannot be read after element ${row}: ${(error as Error).message}`);
  }
}

type JsonToken = { name: string; value?: unknown };

/**
 * The array streamer behind a guard on each element's size: the assembler would otherwise build an
 * element of any size in memory. Counts the text of string and number chunks (keys included) per
 * top-level element; past the limit the source fails naming the element, as it cannot be skipped.
 */
function sizeCappedElements(maxChars: number) {
  return (options?: Parameters<typeof streamArray>[0]) => {
    const inner = streamArray(options) as (token: JsonToken) => unknown;
    let depth = 0;
    let size = 0;
    let element = 1;
    return (token: JsonToken) => {
      switch (token.name) {
        case 'startObject':
        case 'startArray':
          depth += 1;
          break;
        case 'endObject':
        case 'endArray':
          depth -= 1;
          if (depth === 1) {
            element += 1;
            size = 0;
          }
          break;
        case 'stringChunk':
        case 'numberChunk':
          size += (token.value as string).length;
          if (size > maxChars) throw new SourceFormatError(`element ${element} of the JSON array is longer than ${maxChars} characters`);
          break;
      }
      return inner(token);
    };
  };
}

export interface ParseOptions {
  /** Largest record (CSV record, JSONL line, JSON array element) held in memory. */
  maxRecordBytes?: number;
  /** CSV: false reads every record with csv-parse, without the fast path for plain records (tests compare the two). */
  csvFastPath?: boolean;
}

/** The parse stage: every data row of the source, in order, readable or not. */
export function parseRows(
  source: Readable,
  format: IngestionFormat,
  mapping?: ColumnMapping | null,
  options: ParseOptions = {},
): AsyncGenerator<ParsedRow> {
  const maxRecordBytes = options.maxRecordBytes ?? MAX_RECORD_BYTES;
  const text = asUtf8Text(source);
  switch (format) {
    case 'csv':
      return parseCsv(text, mapping, maxRecordBytes, options.csvFastPath ?? true);
    case 'jsonl':
    case 'json':
      return parseJson(text, format, mapping, maxRecordBytes);
  }
}

async function* parseJson(
  text: Readable,
  declared: 'json' | 'jsonl',
  mapping: ColumnMapping | null | undefined,
  maxRecordBytes: number,
): AsyncGenerator<ParsedRow> {
  const { format, source } = await jsonFormatOf(text, declared);
  yield* format === 'jsonl' ? parseJsonl(source, mapping, maxRecordBytes) : parseJsonArray(source, mapping, maxRecordBytes);
}

/** Bytes of a first line read to tell JSON Lines from JSON; a longer first line is read as the name says. */
const FIRST_LINE_BYTES = 1024 * 1024;

/**
 * What a JSON source holds, whatever its name says: one that starts with "[" is an array (no JSON Lines source of cases
 * starts so), and one whose first line is a whole object is JSON Lines (a JSON source must be an array). The bytes read
 * to tell are replayed in front of the rest.
 */
async function jsonFormatOf(text: Readable, declared: 'json' | 'jsonl'): Promise<{ format: 'json' | 'jsonl'; source: Readable }> {
  const chunks = text[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let head = Buffer.alloc(0);
  let format = declared;
  let ended = false;
  for (;;) {
    const next = await chunks.next();
    ended = next.done === true;
    if (!ended) head = Buffer.concat([head, next.value as Buffer]);
    const start = head.findIndex((b) => !isBlankByte(b));
    if (start === -1) {
      if (ended || head.length > FIRST_LINE_BYTES) break;
      continue;
    }
    if (head[start] === 0x5b) format = 'json';
    else if (head[start] === 0x7b) {
      const newline = head.indexOf(0x0a, start);
      if (newline === -1 && !ended && head.length <= FIRST_LINE_BYTES) continue;
      if (isJsonObject(head.subarray(start, newline === -1 ? head.length : newline))) format = 'jsonl';
    }
    break;
  }
  async function* replay(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    for (let next = ended ? null : await chunks.next(); next && !next.done; next = await chunks.next()) yield next.value;
  }
  return { format, source: Readable.from(replay(), { objectMode: false }) };
}

function isJsonObject(bytes: Buffer): boolean {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}
