/** A value of PostgreSQL's COPY text format: NULL is `\N`; backslash, tab, newline and carriage return are escaped. */
function copyValue(value: string | number | null): string {
  if (value === null) return '\\N';
  const text = String(value);
  // Most values (normalised case texts) hold none of these: the test is much cheaper than a replace that finds nothing.
  return COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c]!) : text;
}
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** Rows as the UTF-8 bytes of `COPY … FROM` in text format (tab-separated, one line per row). */
export function copyText(rows: (string | number | null)[][]): Buffer {
  let out = '';
  for (const row of rows) {
    let separator = '';
    for (const value of row) {
      out += separator + copyValue(value);
      separator = '\t';
    }
    out += '\n';
  }
  return Buffer.from(out, 'utf8');
}
