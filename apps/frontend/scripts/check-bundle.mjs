#!/usr/bin/env node
// Run after `vite build`: prints the initial JS size and exits 1 above the 200 KB gzip budget.
import { fileURLToPath } from 'node:url';
import { precompress, report } from './bundle-budget.mjs';

const publicDir = fileURLToPath(new URL('../dist/public', import.meta.url));
const result = report(publicDir);
console.log(result.text);
const compressed = precompress(publicDir);
console.log(`pre-compressed ${compressed} assets (.gz, .br)`);
if (!result.ok) {
  console.error('The initial JavaScript is over budget: move code behind a route-level import() or drop a dependency.');
  process.exit(1);
}
