/**
 * The seam between ingestion (issue 12) and retrieval (issue 13). Ingestion stores cleaned,
 * validated, deduplicated rows in `case_record` and then asks the indexer to build a corpus version.
 * The retrieval side implements it: fit the corpus-trained encoders on the cases of the new version
 * only, embed, write a new index beside the active one, and switch atomically.
 */
export interface CorpusBuildProgress {
  stage: 'fit' | 'embed' | 'index' | 'activate';
  done: number;
  total: number;
}

export interface CorpusBuildResult {
  versionId: string;
  /** Cases in the new version. */
  indexed: number;
  /** Cases of the included staged jobs that are now searchable. */
  indexedFromJobs: number;
  durationsMs: Record<string, number>;
}

/** What adding a job's cases did: appended to the active version, or built a new one (and why). */
export interface CorpusAddResult extends CorpusBuildResult {
  mode: 'append' | 'refit';
  /** Why a new version was built instead of appending; absent for an append. */
  refitReason?: string;
  /**
   * Share of the tokens appended to the version since its fit, this job's included, that its vocabulary does not know
   * (unsearchable until the next refit); absent for a refit.
   */
  unknownTokenShare?: number;
  /** Cases added since the active version's fit, over the cases it was fitted on, after this job. */
  addedShare?: number;
  /**
   * `exact`: BM25 statistics (case count, document frequencies, average length) are those of every case in the version,
   * appended ones included (a refit, or a store that recomputes them); `fitted`: appended cases are scored with the fit's.
   */
  bm25: 'exact' | 'fitted';
}

export abstract class CorpusIndexer {
  /**
   * Makes the staged cases of `promoteJobIds` searchable: appended to the active version with its fitted
   * models when that is allowed (the store can append, the cases added and the unknown tokens appended since the
   * fit stay under their refit thresholds), otherwise through `buildAndActivate`.
   */
  abstract addCases(options: { promoteJobIds: string[]; onProgress?: (p: CorpusBuildProgress) => void }): Promise<CorpusAddResult>;
  /**
   * Builds a new version from every live case plus the staged cases of `promoteJobIds`, marks those
   * rows live and activates the version, all or nothing: searches never see a half-built index.
   */
  abstract buildAndActivate(options: {
    promoteJobIds?: string[];
    onProgress?: (p: CorpusBuildProgress) => void;
  }): Promise<CorpusBuildResult>;
  /**
   * Versions an earlier process of this instance left `building` (it was killed mid-build): their partial
   * index and models are removed and they are marked failed. Returns their ids.
   */
  abstract failAbandonedBuilds(): Promise<string[]>;
  /** The version searches use now, or null when nothing has been indexed yet. */
  abstract activeVersion(): Promise<string | null>;
  /**
   * How many cases are live, read from the active version (cases go live only with it and are never removed), so
   * without counting them: it changes exactly when the live set does.
   */
  abstract liveCaseCount(): Promise<number>;
}
