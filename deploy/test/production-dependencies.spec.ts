import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSpecifiers, packageOf, reachablePackages } from '../lib/imports.js';
import { REPO_ROOT } from '../lib/paths.js';

// The images install production dependencies only (`pnpm deploy --prod`): every package the code an
// image runs imports (its entry points and everything they reach) must be a dependency, not a
// devDependency, or the container fails at run time. Dev-only commands (evaluations, benchmarks) are
// not reached from the entry points, so they may use devDependencies.
const APPS = [
  { name: 'backend', entries: ['apps/backend/dist/main.js', 'apps/backend/dist/cli/migrate.js', 'apps/backend/dist/cli/create-admin.js', 'apps/backend/dist/cli/verify-audit.js'] },
  { name: 'embedder', entries: ['apps/embedder/dist/main.js', 'apps/embedder/dist/database/migrate.js'] },
  { name: 'frontend', entries: ['apps/frontend/dist/server/main.js'] },
];

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

// Stronger than reachability: the image carries the whole dist, so no built file at all may import a package that
// is not a production dependency (test fakes and eval harnesses live outside src and are never built into it).
const NEST_APPS = ['backend', 'embedder'];

describe.each(NEST_APPS)('%s dist', (name) => {
  it('has no file importing a package outside its dependencies', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, `apps/${name}/package.json`), 'utf8')) as { dependencies?: Record<string, string> };
    const runtime = new Set(Object.keys(manifest.dependencies ?? {}));
    const dist = join(REPO_ROOT, `apps/${name}/dist`);
    const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(20);
    const offending = files.flatMap((file) =>
      importSpecifiers(readFileSync(join(dist, file), 'utf8'))
        .map(packageOf)
        .filter((pkg): pkg is string => pkg !== undefined && !runtime.has(pkg))
        .map((pkg) => `${pkg} (imported by dist/${file})`),
    );
    expect(offending).toEqual([]);
  });
});

describe('the import scan', () => {
  it('finds static and dynamic imports and skips built-ins, relative paths and prose', () => {
    const source = `import { a } from 'csv-parse';\nimport x from "@aws-sdk/client-s3/dist";\nconst p = await import('pdfkit');\nimport './local.js';\nimport { readFile } from 'node:fs/promises';\nimport path from 'path';\nconst text = "taken from '7 days' ago";`;
    const packages = importSpecifiers(source).map(packageOf).filter(Boolean);
    expect(packages.sort()).toEqual(['@aws-sdk/client-s3', 'csv-parse', 'pdfkit']);
  });
});
