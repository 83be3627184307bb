import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { initialScripts, report } from './bundle-budget.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A dist folder whose entry and preloaded chunk are incompressible random bytes of known size. */
function dist(entryBytes: number, preloadBytes: number, lazyBytes: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'assets'));
  const noise = (n: number) => randomBytes(n);
  writeFileSync(join(dir, 'assets', 'index-a.js'), noise(entryBytes));
  writeFileSync(join(dir, 'assets', 'vendor-b.js'), noise(preloadBytes));
  writeFileSync(join(dir, 'assets', 'route-c.js'), noise(lazyBytes));
  writeFileSync(
    join(dir, 'index.html'),
    '<script src="/config.js"></script><script type="module" crossorigin src="/assets/index-a.js"></script><link rel="modulepreload" crossorigin href="/assets/vendor-b.js">',
  );
  return dir;
}

describe('bundle budget', () => {
  it('counts the module entry and its preloads, not lazy route chunks or the runtime config', () => {
    expect(
      initialScripts(
        '<script src="/config.js"></script><script type="module" crossorigin src="/assets/index-a.js"></script><link rel="modulepreload" crossorigin href="/assets/vendor-b.js">',
      ),
    ).toEqual(['/assets/index-a.js', '/assets/vendor-b.js']);
  });

  it('passes under the budget and fails above it', () => {
    const small = report(dist(1000, 1000, 500_000), 10 * 1024);
    expect(small.ok).toBe(true);
    expect(small.text).toContain('within budget');
    const big = report(dist(1000, 1000, 10), 1024);
    expect(big.ok).toBe(false);
    expect(big.text).toContain('OVER BUDGET');
  });
});
