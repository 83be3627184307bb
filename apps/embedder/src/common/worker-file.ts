import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The file of a worker thread that sits beside the calling module (`new URL('./x.worker.js', import.meta.url)`).
 * Tests run the service from its TypeScript sources, which a worker thread cannot load; they use the
 * built file in dist/ instead (turbo builds the package before its tests).
 */
export function workerFile(beside: string, name: string): URL {
  const url = new URL(name, beside);
  if (existsSync(fileURLToPath(url))) return url;
  return new URL(url.href.replace('/src/', '/dist/'));
}
