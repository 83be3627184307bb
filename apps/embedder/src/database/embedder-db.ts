import type { Generated } from 'kysely';

/** Table types of the embedder's database (one interface per table, named as the table). */
export interface CorpusVersionTable {
  id: string;
  state: 'building' | 'active' | 'retired';
  created_at: Date;
  activated_at: Date | null;
}

export interface CaseRecordTable {
  case_id: string;
  pmid: string | null;
  title: string;
  text: string;
  age: number | null;
  sex: 'F' | 'M' | null;
  /** sha256 of the normalised text: the second dedupe key. */
  text_hash: string;
  job_id: string | null;
  state: 'staged' | 'live';
  created_at: Generated<Date>;
}

export interface EmbedderDb {
  corpus_version: CorpusVersionTable;
  case_record: CaseRecordTable;
}

export type { Generated };
