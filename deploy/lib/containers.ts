import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Same storage as deploy/images/containers.sh: the project's own root, vfs driver, no daemon. */
const root = process.env.PI_CONTAINERS_ROOT ?? '/var/tmp/patientinsight-containers';
export const STORAGE_OPTS = ['--root', `${root}/storage`, '--runroot', `${root}/run`, '--storage-driver', 'vfs'];

export function run(
  tool: 'podman' | 'buildah',
  args: string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(tool, [...STORAGE_OPTS, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: options.timeoutMs,
  });
  if (result.error) throw new Error(`${tool} could not run (scripts/ensure-system-packages.sh installs it): ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function mustRun(tool: 'podman' | 'buildah', args: string[], options: { cwd?: string; timeoutMs?: number } = {}): string {
  const result = run(tool, args, options);
  if (result.status !== 0)
    throw new Error(
      `${tool} ${args.slice(0, 3).join(' ')} failed (${result.status}):\n${result.stderr.slice(-4000)}\n${result.stdout.slice(-4000)}`,
    );
  return result.stdout;
}

/** Runs a long build in the background so the test process stays responsive; resolves with its log. */
export function runAsync(tool: 'podman' | 'buildah', args: string[], cwd: string): Promise<{ status: number | null; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...STORAGE_OPTS, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (log += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (log += d));
    child.once('error', reject);
    child.once('exit', (status) => resolve({ status, log }));
  });
}

/** All descendants of a process (from /proc), to find the service a `buildah run` started. */
export function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const queue = [pid];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of parents.get(next) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

export const commandOf = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);

/** Real, effective, saved and filesystem uids of a process. */
export function uidsOf(pid: number): number[] {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Uid:'));
  return (line ?? '').split(/\s+/).slice(1).filter(Boolean).map(Number);
}
