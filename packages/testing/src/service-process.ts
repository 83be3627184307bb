import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

export interface ServiceProcessOptions {
  /** Folder of the app (its package root). */
  cwd: string;
  /** Entry relative to cwd, e.g. `dist/main.js`. */
  entry: string;
  env: Record<string, string | number | undefined>;
}

/** A built service running as a child process, with its output kept for assertions. */
export class ServiceProcess {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  constructor(options: ServiceProcessOptions) {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, ...options.env })) if (v !== undefined) env[k] = String(v);
    this.child = spawn(process.execPath, [options.entry], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.setEncoding('utf8').on('data', (d: string) => this.stdout.push(...d.split('\n').filter(Boolean)));
    this.child.stderr!.setEncoding('utf8').on('data', (d: string) => this.stderr.push(...d.split('\n').filter(Boolean)));
    this.exited = once(this.child, 'exit').then(([code, signal]) => ({
      code: code as number | null,
      signal: signal as NodeJS.Signals | null,
    }));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (this.running) this.child.kill(signal);
  }

  /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Polls `url` until it answers 200; fails early (with the output) when the process dies. */
  async waitFor(url: string, timeoutMs = 90_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (!this.running)
        throw new Error(`process exited before ${url} answered:\n${this.stderr.join('\n')}\n${this.stdout.slice(-20).join('\n')}`);
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
        await res.body?.cancel();
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
  }
}
