import type { ColumnMapping, IngestionFormat } from '@patientinsight/shared';
import type { PreparedBatch } from '../stages/prepare.js';
import type { ValidationLimits } from '../stages/validate.js';

/** What the row-reader thread reads with (its first message). */
export interface RowReaderOptions {
  format: IngestionFormat;
  mapping: ColumnMapping | null;
  /** Rows up to this number were committed before (the checkpoint): read past, not returned. */
  skip: number;
  batchSize: number;
  limits: ValidationLimits;
}

/** Messages from the job's thread to the reader thread. */
export type ToReader =
  /** The first message: what to read (a thread is started before its job is known, see prestartRowReader). */
  | { type: 'start'; options: RowReaderOptions }
  | { type: 'chunk'; data: Uint8Array }
  | { type: 'end' }
  | { type: 'source-error'; message: string }
  /** The job's thread took a batch: the reader may prepare another. */
  | { type: 'consumed' };

/** Messages from the reader thread. */
export type FromReader =
  | { type: 'batch'; batch: PreparedBatch }
  /** One source chunk was taken in by the parser: the job's thread may send another. */
  | { type: 'ack' }
  | { type: 'done' }
  | { type: 'failed'; message: string };
