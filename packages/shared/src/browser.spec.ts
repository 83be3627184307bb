import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = dirname(fileURLToPath(import.meta.url));

/** Every module the file reaches through relative imports, and the bare specifiers they import. */
function reach(file: string, seen = new Set<string>(), bare = new Set<string>()) {
  if (seen.has(file)) return { seen, bare };
  seen.add(file);
  for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*from\s+'([^']+)'/g)) {
    if (spec!.startsWith('.')) reach(resolve(dirname(file), spec!.replace(/\.js$/, '.ts')), seen, bare);
    else bare.add(spec!);
  }
  return { seen, bare };
}

describe('the browser entry', () => {
  it('reaches no Node built-in (the frontend bundle takes it through the "browser" export condition)', () => {
    const { seen, bare } = reach(join(src, 'browser.ts'));
    expect(seen.size).toBeGreaterThan(10);
    expect([...bare].filter((s) => s.startsWith('node:'))).toEqual([]);
    // The full entry does reach them, so the check can fail.
    expect([...reach(join(src, 'index.ts')).bare].filter((s) => s.startsWith('node:')).length).toBeGreaterThan(0);
  });
});
