import type { IngestionJob } from '@patientinsight/shared';

/**
 * How far a job is and how long is left. While reading, the total number of rows is unknown
 * (files are streamed), so the fraction is only known while indexing (indexed of accepted) or
 * once finished; rows/s comes from the job itself.
 */
export function jobProgress(job: IngestionJob): { fraction: number | null; etaSeconds: number | null } {
  if (['succeeded', 'rejected', 'awaiting_approval'].includes(job.state)) return { fraction: 1, etaSeconds: 0 };
  if (job.phase === 'index' && job.counters.accepted > 0) {
    const fraction = job.counters.indexed / job.counters.accepted;
    const remaining = job.counters.accepted - job.counters.indexed;
    return { fraction, etaSeconds: job.throughput.rowsPerSecond > 0 ? remaining / job.throughput.rowsPerSecond : null };
  }
  return { fraction: null, etaSeconds: null };
}

/** Upload progress: bytes sent of the file, the rate, and the time left at that rate. */
export function uploadProgress(loaded: number, total: number, elapsedMs: number): { fraction: number; bytesPerSecond: number; etaSeconds: number | null } {
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
