import { Inject, Injectable, Optional } from '@nestjs/common';
import type { StatisticsProfile } from '@patientinsight/shared';
import { CorpusIndexer } from '../corpus/corpus-indexer.js';
import { computeProfile } from '../quality/profile.js';
import { type CaseStatistics, IngestionRepository } from './ingestion.repository.js';

/** What a job's batch is compared with: the ages and the profile of every live case (null while none is live). */
export interface DriftReference {
  ages: readonly number[];
  profile: StatisticsProfile;
}

/**
 * The drift reference, kept in memory instead of read for every job: reading it scans every live row (all of
 * case_record at 167k cases). It is kept under the live case count, which changes exactly when the live set does
 * (cases only go live, with the active version's count, and are never removed), and extended with the cases of
 * this process's jobs as they go live; another replica's job, or a count that does not add up, makes the next job
 * read it again. The profile and the KS test do not depend on the order of the cases, so the figures are the
 * ones a fresh read gives.
 */
@Injectable()
export class LiveReference {
  private cached: { liveCases: number; statistics: CaseStatistics; reference: DriftReference | null } | null = null;
  /** The read warm() started: a job waits for it instead of scanning the live cases a second time. */
  private warming: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly repository: IngestionRepository,
    // Absent without retrieval: the count is not known, every job reads the reference.
    @Optional() @Inject(CorpusIndexer) private readonly indexer: CorpusIndexer | null,
  ) {}

  /**
   * Reads the reference now, ahead of the first job: after a restart that job would otherwise wait for the scan
   * (about 2 s at 167k cases on PGlite). A failed read is left to the job, which reads again.
   */
  warm(): Promise<unknown> {
    this.warming = this.get().catch(() => null);
    return this.warming;
  }

  async get(): Promise<DriftReference | null> {
    await this.warming;
    const liveCases = this.indexer ? await this.indexer.liveCaseCount() : null;
    if (liveCases === null || this.cached?.liveCases !== liveCases) {
      const statistics = await this.repository.caseStatistics({ live: true });
      // Kept only when the scan saw exactly the cases counted (none went live between the count and the scan).
      this.cached = statistics.sexes.length === liveCases ? { liveCases, statistics, reference: null } : null;
      if (!this.cached) return referenceOf(statistics);
    }
    this.cached.reference ??= referenceOf(this.cached.statistics);
    return this.cached.reference;
  }

  /**
   * Runs `promote`, which makes the job's staged cases live, and adds them to the kept reference when they are
   * the only cases that went live meanwhile (the count after is the count before plus the job's cases).
   */
  async promoting<T>(jobId: string, promote: () => Promise<T>): Promise<T> {
    const before = this.cached && this.indexer ? await this.indexer.liveCaseCount() : null;
    const job = before !== null && before === this.cached?.liveCases ? await this.repository.caseStatistics({ jobId }) : null;
    const result = await promote();
    if (!job || !this.cached || !this.indexer) return result;
    const after = await this.indexer.liveCaseCount();
    if (this.cached.liveCases !== before || after !== before + job.sexes.length) {
      this.cached = null;
      return result;
    }
    const { ages, sexes, textLengths } = this.cached.statistics;
    // One push per value: spreading a large array into push() overflows the stack.
    for (const age of job.ages) ages.push(age);
    for (const sex of job.sexes) sexes.push(sex);
    for (const length of job.textLengths) textLengths.push(length);
    this.cached = { liveCases: after, statistics: this.cached.statistics, reference: null };
    return result;
  }
}

function referenceOf(statistics: CaseStatistics): DriftReference | null {
  return statistics.sexes.length > 0 ? { ages: statistics.ages, profile: computeProfile(statistics) } : null;
}
