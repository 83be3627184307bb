// The one place benchmarks find data that is not committed (the PPR query set and its relevance):
// PATIENTINSIGHT_SHARED_DATA, or the `shared/data` folder beside the repository.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repoRoot = resolve(new URL('.', import.meta.url).pathname, '../../..');

export function sharedDataDir(): string {
  return process.env.PATIENTINSIGHT_SHARED_DATA ?? resolve(repoRoot, '../shared/data');
}

/** Absolute path of a shared data file; exits with one clear line when it is missing. */
export function sharedDataFile(name: string): string {
  const path = join(sharedDataDir(), name);
  if (!existsSync(path)) {
    const origin = process.env.PATIENTINSIGHT_SHARED_DATA ? 'PATIENTINSIGHT_SHARED_DATA' : 'the default ../shared/data';
    console.error(
      `shared data file ${name} not found at ${path} (from ${origin}); set PATIENTINSIGHT_SHARED_DATA to the folder holding it`,
    );
    process.exit(2);
  }
  return path;
}
