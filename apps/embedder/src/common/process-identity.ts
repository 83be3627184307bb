import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * Who holds a job lease or builds a corpus version. `instance` is the host and an id kept in DATA_DIR, the
 * same across restarts of the process; `process` adds the pid and a random part. A restarted process knows
 * that whatever an earlier process of its instance still holds was left by a dead one.
 */
export interface ProcessIdentity {
  instance: string;
  process: string;
}

const identities = new Map<string, ProcessIdentity>();

/** The identity of this process for a data folder (one per folder, so ingestion and the corpus agree). */
export function processIdentity(dataDir: string): ProcessIdentity {
  let identity = identities.get(dataDir);
  if (!identity) {
    const instance = `${hostname()}/${persistentInstanceId(dataDir)}`;
    identity = { instance, process: `${instance}:${process.pid}:${randomBytes(3).toString('hex')}` };
    identities.set(dataDir, identity);
  }
  return identity;
}

/** An id stored in the data folder on first start, so a restarted process knows what its predecessor held. */
function persistentInstanceId(dataDir: string): string {
  const file = join(dataDir, 'ingest-worker-id');
  try {
    const existing = readFileSync(file, 'utf8').trim();
    if (/^[a-f0-9]{12}$/.test(existing)) return existing;
  } catch {
    // first start: created below
  }
  const id = randomBytes(6).toString('hex');
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${id}\n`);
  } catch {
    // A read-only data folder: the id lives as long as the process, and a restart waits for the lease to lapse.
  }
  return id;
}
