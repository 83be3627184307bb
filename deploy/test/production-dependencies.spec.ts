import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledSources, deployedFiles, deployedPackages, dockerignoreLines, dockerStages, isNotProduct } from '../lib/image-contents.js';
import { importSpecifiers, packageOf, reachablePackages } from '../lib/imports.js';
import { REPO_ROOT } from '../lib/paths.js';

// The images install production dependencies only (`pnpm deploy --prod`): every package the code an
// image runs imports (its entry points and everything they reach) must be a dependency, not a
// devDependency, or the container fails at run time. Dev-only commands (evaluations, benchmarks) are
// not reached from the entry points, so they may use devDependencies.
const APPS = [
  {
    name: 'backend',
    entries: [
      'apps/backend/dist/main.js',
      'apps/backend/dist/cli/migrate.js',
      'apps/backend/dist/cli/create-admin.js',
      'apps/backend/dist/cli/verify-audit.js',
    ],
  },
  { name: 'embedder', entries: ['apps/embedder/dist/main.js', 'apps/embedder/dist/database/migrate.js'] },
  { name: 'frontend', entries: ['apps/frontend/dist/server/main.js'] },
];

describe.each(APPS)('$name production dependencies', ({ name, entries }) => {
  it('cover every package the code in the image imports', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, `apps/${name}/package.json`), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    const runtime = new Set(Object.keys(manifest.dependencies ?? {}));
    const reached = reachablePackages(entries.map((e) => join(REPO_ROOT, e)));
    expect(reached.size).toBeGreaterThan(3);
    const missing = [...reached]
      .filter(([pkg]) => !runtime.has(pkg))
      .map(([pkg, file]) => `${pkg} (imported by ${file.slice(REPO_ROOT.length)})`);
    expect(missing).toEqual([]);
  });
});

it('the frontend ships no package its server does not import (the browser libraries are bundled into dist/public)', () => {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'apps/frontend/package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const reached = reachablePackages([join(REPO_ROOT, 'apps/frontend/dist/server/main.js')]);
  expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual([...reached.keys()].sort());
});

// Stronger than reachability: the image carries the whole dist, so no built file at all may import a package that
// is not a production dependency (test fakes and eval harnesses live outside src and are never built into it).
const NEST_APPS = ['backend', 'embedder'];

describe.each(NEST_APPS)('%s dist', (name) => {
  it('has no file importing a package outside its dependencies', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, `apps/${name}/package.json`), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
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

// What the image carries comes from the Dockerfile alone: its last stage copies only the build stage's `pnpm deploy`
// output (the package.json "files" of the service and of its workspace dependencies, dist compiled from src inside
// the build), so no spec, test fake, eval or bench may be among those files.
describe.each(APPS.map((a) => a.name))('%s image', (name) => {
  it('is the deploy output of the build stage and nothing else (no list of files to delete)', () => {
    const stages = dockerStages(readFileSync(join(REPO_ROOT, `apps/${name}/Dockerfile`), 'utf8'));
    const [build, final] = [stages.at(-2) ?? [], stages.at(-1) ?? []];
    expect(build[0]).toMatch(/^FROM \S+ AS build$/);
    expect(build.filter((i) => /^RUN /.test(i)).join(' ')).toMatch(
      new RegExp(`pnpm --filter @patientinsight/${name} deploy --prod .*/out(\\s|$)`),
    );
    expect(final.filter((i) => /^(COPY|ADD) /.test(i))).toEqual(['COPY --from=build /out /app']);
    expect(build.join(' ')).not.toMatch(/\brm -rf \/out/);
    // The local dist (which may hold files of deleted sources) never enters the build context.
    expect(dockerignoreLines()).toContain('**/dist');
  });
});

describe.each(NEST_APPS)('%s image contents', (name) => {
  it('hold no spec, test helper, fixture, eval or bench file', () => {
    const shipped = deployedPackages(join(REPO_ROOT, `apps/${name}`)).flatMap(deployedFiles);
    expect(shipped).toContain(`apps/${name}/src/main.ts`);
    expect(shipped.filter((f) => f.startsWith('packages/nest-kit/')).length).toBeGreaterThan(3);
    expect(shipped.filter(isNotProduct)).toEqual([]);
  });
});

// The frontend's dist is its server (tsconfig.server.json) and vite's bundle of src in dist/public, which holds only
// what index.html reaches.
it('the frontend image holds dist (the server compiled without specs) and its workspace packages, nothing else', () => {
  const frontend = join(REPO_ROOT, 'apps/frontend');
  expect(JSON.parse(readFileSync(join(frontend, 'package.json'), 'utf8')).files).toEqual(['dist']);
  const server = compiledSources(frontend, 'tsconfig.server.json');
  expect(server.outDir).toBe(join(frontend, 'dist/server'));
  expect(server.sources).toContain(join(frontend, 'server/main.ts'));
  expect(server.sources.filter((f) => isNotProduct(relative(REPO_ROOT, f)))).toEqual([]);
  const workspace = deployedPackages(frontend).filter((dir) => dir !== frontend);
  expect(workspace.map((dir) => relative(REPO_ROOT, dir))).toEqual(['packages/shared']);
  expect(workspace.flatMap(deployedFiles).filter(isNotProduct)).toEqual([]);
});

describe('the image contents check', () => {
  it('tells specs, fakes, fixtures, evaluations and benchmarks from product files', () => {
    const flagged = [
      'apps/embedder/test/support/fake-tei.ts',
      'apps/backend/src/a/b.spec.ts',
      'apps/backend/eval/eval-triage.ts',
      'apps/embedder/bench/search.ts',
      'apps/x/src/encoders/testing/server.ts',
      'apps/x/src/fake-store.ts',
    ];
    const kept = [
      'apps/backend/src/main.ts',
      'apps/backend/vocabulary/lay-to-clinical.tsv',
      'apps/backend/src/retrieval/relevance-calibration.ts',
    ];
    expect(flagged.filter(isNotProduct)).toEqual(flagged);
    expect(kept.filter(isNotProduct)).toEqual([]);
  });

  it('names a package without "files", whose deploy would copy its whole folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pi-deploy-files-'));
    try {
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'no-files' }));
      expect(() => deployedFiles(dir)).toThrow(/no-files: package.json has no "files"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
