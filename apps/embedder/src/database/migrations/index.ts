import type { Migration } from 'kysely/migration';
import * as init from './0001-init.js';
import * as cases from './0002-cases.js';
import * as ingestion from './0003-ingestion.js';
import * as corpusModels from './0004-corpus-models.js';
import * as caseTextStorage from './0005-case-text-storage.js';
import * as ingestionSourceEtag from './0006-ingestion-source-etag.js';
import * as corpusVersionBuilder from './0007-corpus-version-builder.js';
import * as uploadRemoved from './0008-upload-removed.js';
import * as corpusVersionAppendedTokens from './0009-corpus-version-appended-tokens.js';
import * as ingestionIndexing from './0010-ingestion-indexing.js';

/** The embedder's migrations, in order. Add new files here; never edit one that has shipped. */
export const embedderMigrations: Record<string, Migration> = {
  '0001-init': init,
  '0002-cases': cases,
  '0003-ingestion': ingestion,
  '0004-corpus-models': corpusModels,
  '0005-case-text-storage': caseTextStorage,
  '0006-ingestion-source-etag': ingestionSourceEtag,
  '0007-corpus-version-builder': corpusVersionBuilder,
  '0008-upload-removed': uploadRemoved,
  '0009-corpus-version-appended-tokens': corpusVersionAppendedTokens,
  '0010-ingestion-indexing': ingestionIndexing,
};
