import type { IngestionJob } from '@patientinsight/shared';

/**
 * How far a job is, and how long is left only when that can be known. While reading, the total
 * number of rows is unknown (files are streamed); while indexing, the whole corpus is rebuilt and
 * the job reports no progress until it ends (`indexed` is set at the end). So a running job has no
 * fraction and no estimate; the view says which stage it is in instead.
 */
export function jobProgress(job: IngestionJob): { fraction: number | null; etaSeconds: number | null } {
  if (['succeeded', 'rejected', 'awaiting_approval'].includes(job.state)) return { fraction: 1, etaSeconds: 0 };
  return { fraction: null, etaSeconds: null };
}

/** Upload progress: bytes sent of the file, the rate, and the time left at that rate. */
export function uploadProgress(
  loaded: number,
  total: number,
  elapsedMs: number,
): { fraction: number; bytesPerSecond: number; etaSeconds: number | null } {
  const fraction = total > 0 ? loaded / total : 0;
  const bytesPerSecond = elapsedMs > 0 ? (loaded * 1000) / elapsedMs : 0;
  return { fraction, bytesPerSecond, etaSeconds: bytesPerSecond > 0 ? (total - loaded) / bytesPerSecond : null };
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return 'estimating…';
  if (seconds < 1) return 'less than a second';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

export const formatRate = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(1));

/**
 * How long the last index build took (the newest finished job that built one), as a reference for
 * the build now running: the build re-indexes the whole corpus, so the batch size does not predict it.
 */
export function lastIndexBuildMs(jobs: readonly IngestionJob[], excludeId: string): number | null {
  const built = jobs.find((j) => j.id !== excludeId && j.state === 'succeeded' && typeof j.stageDurationsMs.index_total === 'number');
  return built?.stageDurationsMs.index_total ?? null;
}
