import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';

/** The source as a whole cannot be read (not text, a required column is missing, the JSON is not an array, …). */
export class SourceFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceFormatError';
  }
}

/**
 * Bytes looked at before the first row is parsed: enough to tell text from binary (random bytes hold
 * a NUL or mostly undecodable bytes well within 1 KB), small enough not to hold back a slow source.
 */
export const SNIFF_BYTES = 1024;
/** Share of the first bytes that may fail to decode before the file counts as binary (a Latin-1 file has a few). */
const MAX_UNDECODABLE_SHARE = 0.1;

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';
const BOMS: { bytes: number[]; encoding: Encoding | null; name: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8', name: 'UTF-8' },
  // UTF-32 before UTF-16: FF FE 00 00 starts with the UTF-16 LE mark.
  { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: null, name: 'UTF-32 LE' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: null, name: 'UTF-32 BE' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le', name: 'UTF-16 LE' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be', name: 'UTF-16 BE' },
];

/** How a source's bytes are to be read: the byte order mark to drop and the encoding it names. */
export interface TextHead {
  bomBytes: number;
  encoding: Encoding;
}

/** The byte order mark at the start of `head`. */
function detectBom(head: Buffer): TextHead {
  const bom = BOMS.find((b) => head.length >= b.bytes.length && b.bytes.every((byte, i) => head[i] === byte));
  if (bom && !bom.encoding)
    throw new SourceFormatError(`the file is ${bom.name} text, which is not supported: save it as UTF-8 (Excel: "CSV UTF-8")`);
  return { bomBytes: bom?.bytes.length ?? 0, encoding: bom?.encoding ?? 'utf-8' };
}

/** Refuses content that is not text: NUL bytes, or mostly bytes that do not decode. */
function checkText(head: Buffer, { bomBytes, encoding }: TextHead, complete: boolean): void {
  const text = new TextDecoder(encoding).decode(head.subarray(bomBytes), { stream: !complete });
  if (text.includes('\u0000'))
    throw new SourceFormatError('the file holds binary content, not text (NUL bytes in its first bytes): is it really CSV or JSON?');
  let undecodable = 0;
  for (const ch of text) if (ch === '\uFFFD') undecodable += 1;
  if (text.length > 0 && undecodable / text.length > MAX_UNDECODABLE_SHARE) {
    throw new SourceFormatError(
      `the file holds binary content, not text (${Math.round((undecodable / text.length) * 100)}% of its first characters are not valid ${encoding.toUpperCase()})`,
    );
  }
}

/**
 * Looks at the first bytes of a source: a byte order mark is recognised (Excel's "CSV UTF-8" always
 * writes one), and content that is not text is refused with the reason, instead of surfacing later as
 * a confusing column or quoting error. `complete` says the head is the whole source, so a multi-byte
 * character cut at its end is an error, not a chunk border.
 */
export function inspectHead(head: Buffer, complete: boolean): TextHead {
  const found = detectBom(head);
  checkText(head, found, complete);
  return found;
}

/**
 * The source as UTF-8 bytes without a byte order mark, checked by inspectHead first (the parser sees
 * nothing before SNIFF_BYTES have arrived or the source has ended). UTF-16 (Excel's "Unicode Text") is
 * transcoded; UTF-8 passes through untouched, so invalid bytes still reach the parser and are reported
 * per field.
 */
export function asUtf8Text(source: Readable): Readable {
  async function* run(): AsyncGenerator<Buffer> {
    const head: Buffer[] = [];
    let headBytes = 0;
    let decoder: TextDecoder | null = null;
    let checked = false;
    const convert = (bytes: Buffer): Buffer => (decoder ? Buffer.from(decoder.decode(bytes, { stream: true }), 'utf8') : bytes);
    const start = (complete: boolean): Buffer => {
      checked = true;
      const bytes = Buffer.concat(head);
      const { bomBytes, encoding } = inspectHead(bytes, complete);
      if (encoding !== 'utf-8') decoder = new TextDecoder(encoding);
      return convert(bytes.subarray(bomBytes));
    };
    for await (const chunk of source as AsyncIterable<Buffer>) {
      let out: Buffer;
      if (checked) out = convert(chunk);
      else {
        head.push(chunk);
        headBytes += chunk.length;
        if (headBytes < SNIFF_BYTES) continue;
        out = start(false);
      }
      if (out.length > 0) yield out;
    }
    if (!checked && headBytes > 0) {
      const out = start(true);
      if (out.length > 0) yield out;
    }
    if (decoder) {
      const tail = (decoder as TextDecoder).decode();
      if (tail.length > 0) yield Buffer.from(tail, 'utf8');
    }
  }
  return Readable.from(run(), { objectMode: false });
}
