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

export abstract class CorpusIndexer {
  /**
   * Builds a new version from every live case plus the staged cases of `promoteJobIds`, marks those
   * rows live and activates the version, all or nothing: searches never see a half-built index.
   */
  abstract buildAndActivate(options: { promoteJobIds?: string[]; onProgress?: (p: CorpusBuildProgress) => void }): Promise<CorpusBuildResult>;
  /**
   * Versions an earlier process of this instance left `building` (it was killed mid-build): their partial
   * index and models are removed and they are marked failed. Returns their ids.
   */
  abstract failAbandonedBuilds(): Promise<string[]>;
  /** The version searches use now, or null when nothing has been indexed yet. */
  abstract activeVersion(): Promise<string | null>;
}
