import { AppError } from '@patientinsight/nest-kit';
import type { Readable } from 'node:stream';

export interface ObjectInfo {
  size: number | null;
  etag?: string | null;
}

/** Where ingestion reads a file from: one interface, one adapter per URI scheme. */
export abstract class ObjectSource {
  /** The URI scheme this adapter reads, without the colon (`file`, `s3`). */
  abstract readonly scheme: string;
  /**
   * Fails with a 4xx AppError (field `sourceUri`) when the object cannot be read; cheap (a stat or a HEAD).
   * `etag` (unquoted) where the store has one: it names the version an S3 event was for.
   */
  abstract check(uri: string): Promise<ObjectInfo>;
  /** The object's bytes, streamed. */
  abstract open(uri: string): Promise<Readable>;
  /** Stores a local file at `uri`, for sources that can be written (S3 keeps uploads for every replica). */
  putFile?(uri: string, path: string): Promise<void>;
  /** Deletes the object at `uri`, for sources that can be written; a missing object is not an error. */
  remove?(uri: string): Promise<void>;
}

/** A source URI the request may not use or that does not exist: 400 naming the field. */
export class SourceRefusedError extends AppError {
  constructor(reason: string, code = 'SOURCE_REFUSED') {
    super(code, `sourceUri: ${reason}`, 400, [{ field: 'sourceUri', reason }]);
  }
}

/** Every configured source, by scheme. */
export class ObjectSources {
  private readonly byScheme: Map<string, ObjectSource>;
  constructor(sources: ObjectSource[]) {
    this.byScheme = new Map(sources.map((s) => [s.scheme, s]));
  }

  private pick(uri: string): ObjectSource {
    const scheme = uri.slice(0, Math.max(0, uri.indexOf(':')));
    const source = this.byScheme.get(scheme);
    if (!source)
      throw new SourceRefusedError(`the scheme "${scheme}" is not configured (available: ${[...this.byScheme.keys()].join(', ')})`);
    return source;
  }

  check(uri: string): Promise<ObjectInfo> {
    return this.pick(uri).check(uri);
  }

  open(uri: string): Promise<Readable> {
    return this.pick(uri).open(uri);
  }

  /** Stores a local file at `uri` through the source of its scheme; a read-only source refuses (a 500: the configuration named it). */
  putFile(uri: string, path: string): Promise<void> {
    const source = this.pick(uri);
    if (!source.putFile) throw new Error(`the ${source.scheme} source cannot store files`);
    return source.putFile(uri, path);
  }

  /** Deletes the object at `uri` through the source of its scheme; a read-only source refuses. */
  remove(uri: string): Promise<void> {
    const source = this.pick(uri);
    if (!source.remove) throw new Error(`the ${source.scheme} source cannot delete objects`);
    return source.remove(uri);
  }

  /** The adapter of one scheme, for tests that reach into its client. */
  adapter<T extends ObjectSource>(scheme: string): T | undefined {
    return this.byScheme.get(scheme) as T | undefined;
  }
}
