import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';

const PACKAGE_NAME = /^(@[a-z0-9][\w.-]*\/)?[a-z][\w.-]*/;

/** Specifiers a module imports: `... from 'x';`, `import 'x';`, `import('x')`. */
export function importSpecifiers(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*)['"]([^'"\n]+)['"]\s*;|\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g))
    found.add(match[1] ?? match[2]);
  return [...found];
}

/** The bare package a specifier names, or undefined for relative paths and Node built-ins. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  if (builtinModules.includes(specifier.split('/')[0])) return undefined;
  return PACKAGE_NAME.exec(specifier)?.[0]
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
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
