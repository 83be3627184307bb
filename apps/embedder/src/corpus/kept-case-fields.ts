import type { Sex } from '@patientinsight/shared';
import type { IndexedCase } from '../index/vector-store.port.js';
import type { CaseRow } from './corpus.repository.js';

const BLOCK_BYTES = 1 << 20;

/** What the index stores of a case besides its vectors. */
export type CaseFields = Pick<IndexedCase, 'caseId' | 'pmid' | 'title' | 'age' | 'sex' | 'snippet'>;

const SNIPPET_CHARS = 280;

/** The start of a case's text shown with each result: cut at a word before SNIPPET_CHARS, with an ellipsis. */
export function snippetOf(text: string): string {
  if (text.length <= SNIPPET_CHARS) return text;
  const cut = text.lastIndexOf(' ', SNIPPET_CHARS);
  return `${text.slice(0, cut > SNIPPET_CHARS / 2 ? cut : SNIPPET_CHARS)}…`;
}

/** The fields the index stores of a case read from the database. */
export const caseFieldsOf = (row: CaseRow): CaseFields => ({
  caseId: row.case_id,
  pmid: row.pmid,
  title: row.title,
  age: row.age,
  sex: row.sex,
  snippet: snippetOf(row.text),
});

/**
 * The fields a version's index stores of each case, kept from a build's first pass so that its second pass need
 * not read every case from the database again. Titles and snippets are packed as UTF-8 in blocks: a snippet sliced
 * from a case's text would hold the whole text in memory, and hundreds of thousands of small strings would weigh on
 * every collection of the heap during the build.
 */
export class KeptCaseFields {
  private readonly blocks: Buffer[] = [];
  private block = Buffer.alloc(0);
  private used = 0;
  /** Per case: its block, and where its title starts, where its snippet starts and where that ends in the block. */
  private readonly spans: number[] = [];
  private readonly caseIds: string[] = [];
  private readonly pmids: (string | null)[] = [];
  private readonly ages: (number | null)[] = [];
  private readonly sexes: (Sex | null)[] = [];

  get length(): number {
    return this.caseIds.length;
  }

  add(row: CaseRow): void {
    const title = Buffer.from(row.title, 'utf8');
    const cut = Buffer.from(snippetOf(row.text), 'utf8');
    const size = title.length + cut.length;
    if (this.used + size > this.block.length) {
      this.block = Buffer.allocUnsafe(Math.max(BLOCK_BYTES, size));
      this.blocks.push(this.block);
      this.used = 0;
    }
    title.copy(this.block, this.used);
    cut.copy(this.block, this.used + title.length);
    this.spans.push(this.blocks.length - 1, this.used, this.used + title.length, this.used + size);
    this.used += size;
    this.caseIds.push(row.case_id);
    this.pmids.push(row.pmid);
    this.ages.push(row.age);
    this.sexes.push(row.sex);
  }

  at(i: number): CaseFields {
    const span = i * 4;
    const bytes = this.blocks[this.spans[span]!]!;
    const [titleAt, snippetAt, end] = [this.spans[span + 1]!, this.spans[span + 2]!, this.spans[span + 3]!];
    return {
      caseId: this.caseIds[i]!,
      pmid: this.pmids[i]!,
      title: bytes.toString('utf8', titleAt, snippetAt),
      age: this.ages[i]!,
      sex: this.sexes[i]!,
      snippet: bytes.toString('utf8', snippetAt, end),
    };
  }
}
