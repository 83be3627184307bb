import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// A real Node process (Jest keeps its own rejection handlers): boot() must log and count an unhandled
// rejection, keep running, and leave the error's message (which may hold personal data) out of the log.
const DIST = fileURLToPath(new URL('../dist/index.js', import.meta.url));

describe('process guard installed by boot()', () => {
  it('counts and logs an unhandled rejection without its message, and the process keeps running', () => {
    const script = `
      import { boot, unhandledRejections } from ${JSON.stringify(DIST)};
      await boot(async () => {
        Promise.reject(Object.assign(new Error('patient Jane Doe, chest pain'), { code: 'E_TEST' }));
        Promise.reject('a bare string with Jane Doe');
        await new Promise((r) => setTimeout(r, 100));
        const [value] = (await unhandledRejections.get()).values;
        process.stdout.write(JSON.stringify({ alive: true, count: value.value }));
      });`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ alive: true, count: 2 });
    const lines = run.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'error', msg: 'unhandled promise rejection', err: { type: 'Error', code: 'E_TEST' } });
    expect((lines[0]!.err as { frames: string[] }).frames.length).toBeGreaterThan(0);
    expect(lines[1]).toMatchObject({ err: { type: 'string' } });
    expect(run.stderr).not.toContain('Jane');
  });
});
