// The initial-JavaScript budget: what a browser must download before the first page can render
// (the entry script and the modules it preloads), gzipped. Route chunks load on navigation and
// do not count. Also writes .gz and .br next to every asset so the server can send them as-is.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 200 * 1024;

/** Paths of the scripts index.html loads at start: module entry scripts and modulepreload links. */
export function initialScripts(html) {
  const paths = new Set();
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) paths.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) paths.add(m[1]);
  return [...paths].filter((p) => !/^https?:/.test(p));
}

export function measureInitialJs(publicDir) {
  const html = readFileSync(join(publicDir, 'index.html'), 'utf8');
  const files = initialScripts(html).map((p) => {
    const bytes = readFileSync(join(publicDir, p.replace(/^\//, '')));
    return { path: p, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  return { files, totalGzip: files.reduce((n, f) => n + f.gzip, 0), totalRaw: files.reduce((n, f) => n + f.raw, 0) };
}

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

export function precompress(publicDir) {
  let count = 0;
  for (const path of walk(publicDir)) {
    if (!/\.(js|css|html|svg|json)$/.test(path)) continue;
    const bytes = readFileSync(path);
    if (bytes.length < 1024) continue;
    writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
    writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    count++;
  }
  return count;
}

export function report(publicDir, budget = BUDGET_BYTES) {
  const { files, totalGzip, totalRaw } = measureInitialJs(publicDir);
  const lines = files.map(
    (f) =>
      `  ${relative('/', f.path).padEnd(40)} ${(f.raw / 1024).toFixed(1).padStart(8)} KB raw ${(f.gzip / 1024).toFixed(1).padStart(7)} KB gzip`,
  );
  const verdict = totalGzip <= budget ? 'within budget' : 'OVER BUDGET';
  lines.push(
    `initial JS: ${(totalGzip / 1024).toFixed(1)} KB gzipped (${(totalRaw / 1024).toFixed(1)} KB raw) / budget ${(budget / 1024).toFixed(0)} KB: ${verdict}`,
  );
  return { ok: totalGzip <= budget, text: lines.join('\n'), totalGzip };
}
