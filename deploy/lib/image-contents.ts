import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from './paths.js';

// What a Nest service image carries, worked out without building it: the final stage copies the build stage's
// `pnpm deploy` output, which holds the package.json "files" of the service and of its workspace dependencies,
// and dist is compiled inside the build from the tsconfig's inputs (.dockerignore keeps the local dist out).

interface Manifest {
  name: string;
  files?: string[];
  dependencies?: Record<string, string>;
}

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/** Workspace packages by name (apps/* and packages/*). */
function workspacePackages(): Map<string, string> {
  const found = new Map<string, string>();
  for (const parent of ['apps', 'packages']) {
    for (const entry of readdirSync(join(REPO_ROOT, parent), { withFileTypes: true })) {
      const dir = join(REPO_ROOT, parent, entry.name);
      if (entry.isDirectory() && statSync(join(dir, 'package.json'), { throwIfNoEntry: false })) found.set(manifestOf(dir).name, dir);
    }
  }
  return found;
}

/** The package and the workspace packages it reaches through production dependencies (what `deploy --prod` copies). */
export function deployedPackages(dir: string): string[] {
  const workspace = workspacePackages();
  const seen = new Set<string>();
  const queue = [dir];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (seen.has(next)) continue;
    seen.add(next);
    for (const [name, version] of Object.entries(manifestOf(next).dependencies ?? {})) {
      const depDir = workspace.get(name);
      if (version.startsWith('workspace:') && depDir !== undefined) queue.push(depDir);
    }
  }
  return [...seen];
}

/** The sources a tsconfig of the package (tsconfig.json unless named) compiles into its outDir. */
export function compiledSources(dir: string, tsconfig = 'tsconfig.json'): { outDir: string; sources: string[] } {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(dir, tsconfig),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (parsed?.options.outDir === undefined) throw new Error(`${dir}/${tsconfig}: no outDir`);
  return { outDir: parsed.options.outDir, sources: parsed.fileNames };
}

const filesUnder = (path: string): string[] =>
  statSync(path).isDirectory()
    ? readdirSync(path, { recursive: true, encoding: 'utf8' })
        .map((f) => join(path, f))
        .filter((f) => statSync(f).isFile())
    : [path];

/**
 * The files `pnpm deploy` copies from one package, relative to the repository (a file compiled into the outDir is
 * named by its source). Throws when package.json has no "files": deploy would then copy the whole folder.
 */
export function deployedFiles(dir: string): string[] {
  const { name, files } = manifestOf(dir);
  if (files === undefined)
    throw new Error(`${name}: package.json has no "files", so pnpm deploy copies every file of ${relative(REPO_ROOT, dir)}`);
  const { outDir, sources } = compiledSources(dir);
  const shipped = [join(dir, 'package.json')];
  for (const entry of files) {
    const path = resolve(dir, entry);
    shipped.push(...(path === resolve(outDir) ? sources : filesUnder(path)));
  }
  return shipped.map((f) => relative(REPO_ROOT, f));
}

const NOT_PRODUCT_FOLDERS = new Set(['test', 'tests', 'testing', '__tests__', 'fixtures', 'bench', 'eval', 'e2e']);

/** A spec, a test helper or fake, a fixture, an evaluation or a benchmark (by folder or name). */
export function isNotProduct(path: string): boolean {
  const parts = path.split(sep);
  const name = parts.at(-1) ?? '';
  return (
    parts.slice(0, -1).some((p) => NOT_PRODUCT_FOLDERS.has(p)) || /\.(spec|test)\.[cm]?[jt]sx?$/.test(name) || name.startsWith('fake-')
  );
}

/** The Dockerfile's stages as lists of instructions (continuation lines joined, comments dropped). */
export function dockerStages(dockerfile: string): string[][] {
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const stages: string[][] = [];
  for (const line of instructions) {
    if (/^FROM\s/i.test(line)) stages.push([]);
    stages.at(-1)?.push(line);
  }
  return stages;
}

export const dockerignoreLines = (): string[] =>
  readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
