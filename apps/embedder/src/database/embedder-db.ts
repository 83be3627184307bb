import type { Generated } from 'kysely';

/** Table types of the embedder's database (one interface per table, named as the table). */
export interface CorpusVersionTable {
  id: string;
  state: 'building' | 'active' | 'retired';
  created_at: Date;
  activated_at: Date | null;
}

export interface EmbedderDb {
  corpus_version: CorpusVersionTable;
}

export type { Generated };
