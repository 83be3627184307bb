import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../lib/paths.js';

// The images install production dependencies only (`pnpm deploy --prod`): every package the code an
// image runs imports (its entry points and everything they reach) must be a dependency, not a
// devDependency, or the container fails at run time. Dev-only commands (evaluations, benchmarks) are
// not reached from the entry points, so they may use devDependencies.
const APPS = [
  { name: 'backend', entries: ['apps/backend/dist/main.js', 'apps/backend/dist/database/migrate.js'] },
  { name: 'embedder', entries: ['apps/embedder/dist/main.js', 'apps/embedder/dist/database/migrate.js'] },
  { name: 'frontend', entries: ['apps/frontend/dist/server/main.js'] },
];

const PACKAGE_NAME = /^(@[a-z0-9][\w.-]*\/)?[a-z][\w.-]*/;

/** Specifiers a module imports: `... from 'x';`, `import 'x';`, `import('x')`. */
export function importSpecifiers(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*)['"]([^'"\n]+)['"]\s*;|\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g)) found.add(match[1] ?? match[2]);
  return [...found];
}

/** The bare package a specifier names, or undefined for relative paths and Node built-ins. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  if (builtinModules.includes(specifier.split('/')[0])) return undefined;
  return PACKAGE_NAME.exec(specifier)?.[0].split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

/** Packages imported by the entry points and every relative module they reach. */
export function reachablePackages(entries: string[]): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [...entries];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier));
      const pkg = packageOf(specifier);
      if (pkg && !packages.has(pkg)) packages.set(pkg, file);
    }
  }
  return packages;
}

describe.each(APPS)('$name production dependencies', ({ name, entries }) => {
  it('cover every package the code in the image imports', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, `apps/${name}/package.json`), 'utf8')) as { dependencies?: Record<string, string> };
    const runtime = new Set(Object.keys(manifest.dependencies ?? {}));
    const reached = reachablePackages(entries.map((e) => join(REPO_ROOT, e)));
    expect(reached.size).toBeGreaterThan(3);
    const missing = [...reached].filter(([pkg]) => !runtime.has(pkg)).map(([pkg, file]) => `${pkg} (imported by ${file.slice(REPO_ROOT.length)})`);
    expect(missing).toEqual([]);
  });
});

describe('the import scan', () => {
  it('finds static and dynamic imports and skips built-ins, relative paths and prose', () => {
    const source = `import { a } from 'csv-parse';\nimport x from "@aws-sdk/client-s3/dist";\nconst p = await import('pdfkit');\nimport './local.js';\nimport { readFile } from 'node:fs/promises';\nimport path from 'path';\nconst text = "taken from '7 days' ago";`;
    const packages = importSpecifiers(source).map(packageOf).filter(Boolean);
    expect(packages.sort()).toEqual(['@aws-sdk/client-s3', 'csv-parse', 'pdfkit']);
  });
});
