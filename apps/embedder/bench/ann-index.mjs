// `pnpm bench:ann`: which ANN index the LanceDB store puts on the dense column. On N clustered unit
// vectors (the shape of LSA vectors of a corpus whose cases come in families: 1000 centres with noise,
// no data file needed) it measures, side by side in one run, the flat scan (no index, the reference:
// exact) and each index configuration: build time, top-100 latency p50/p95 (40 queries, twice) and
// recall@100 against the exact top 100.
//
//   node apps/embedder/bench/ann-index.mjs [--rows 167034] [--dimension 256] ['{"kind":"ivfFlat","numPartitions":256}' ...]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as lancedb from '@lancedb/lancedb';
import { Field, FixedSizeList, Float32, makeData, RecordBatch, Schema, Struct, Table, Utf8, vectorFromArray } from 'apache-arrow';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { rows: { type: 'string', default: '167034' }, dimension: { type: 'string', default: '256' } },
});
const N = Number(args.rows);
const D = Number(args.dimension);
const configs =
  positionals.length > 0
    ? positionals.map((a) => JSON.parse(a))
    : [
        { kind: 'ivfPq', numPartitions: 256, numSubVectors: 32 },
        { kind: 'ivfFlat', numPartitions: 256 },
      ];

let seed = 1;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff - 0.5;
};
const centres = Array.from({ length: 1000 }, () => Float32Array.from({ length: D }, rnd));
const flat = new Float32Array(N * D);
for (let i = 0; i < N; i++) {
  const c = centres[i % centres.length];
  let norm = 0;
  for (let k = 0; k < D; k++) {
    const v = c[k] + 0.15 * rnd();
    flat[i * D + k] = v;
    norm += v * v;
  }
  for (let k = 0; k < D; k++) flat[i * D + k] /= Math.sqrt(norm);
}

const dir = mkdtempSync(join(tmpdir(), 'bench-ann-'));
try {
  const db = await lancedb.connect(dir);
  const listType = new FixedSizeList(D, new Field('item', new Float32(), true));
  const schema = new Schema([new Field('id', new Utf8(), false), new Field('vector', listType, true)]);
  const table = await db.createEmptyTable('vectors', schema);
  for (let start = 0; start < N; start += 20_000) {
    const n = Math.min(20_000, N - start);
    const ids = vectorFromArray(
      Array.from({ length: n }, (_, i) => String(start + i)),
      new Utf8(),
    ).data[0];
    const child = makeData({ type: new Float32(), length: n * D, nullCount: 0, data: flat.subarray(start * D, (start + n) * D) });
    const vectors = makeData({ type: listType, length: n, nullCount: 0, child });
    await table.add(
      new Table(schema, [
        new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: n, nullCount: 0, children: [ids, vectors] })),
      ]),
    );
  }
  const queries = Array.from({ length: 40 }, (_, q) => {
    const i = (q * 4099) % N;
    const v = flat.slice(i * D, (i + 1) * D);
    for (let k = 0; k < D; k++) v[k] += 0.3 * rnd();
    return v;
  });
  const exact = queries.map((q) => {
    const scores = new Float32Array(N);
    for (let i = 0; i < N; i++) {
      let s = 0;
      for (let k = 0; k < D; k++) s += q[k] * flat[i * D + k];
      scores[i] = s;
    }
    return new Set(
      [...scores.keys()]
        .sort((a, b) => scores[b] - scores[a])
        .slice(0, 100)
        .map(String),
    );
  });
  const measure = async (label, buildSeconds) => {
    const latencies = [];
    let recall = 0;
    for (let round = 0; round < 2; round++) {
      for (const [qi, q] of queries.entries()) {
        const t = performance.now();
        const rows = await table.query().nearestTo(q).distanceType('dot').select(['id', '_distance']).limit(100).toArray();
        latencies.push(performance.now() - t);
        if (round === 1) recall += rows.filter((r) => exact[qi].has(r.id)).length / 100;
      }
    }
    latencies.sort((a, b) => a - b);
    const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(1);
    console.log(
      `  ${label.padEnd(58)} ${buildSeconds.padStart(8)}   ${at(0.5).padStart(7)}   ${at(0.95).padStart(7)}   ${(recall / queries.length).toFixed(3)}`,
    );
  };
  console.log(`${N} vectors × ${D} dimensions (1000 clusters), top 100, dot product`);
  console.log(`  ${'index'.padEnd(58)} ${'build s'.padStart(8)}   ${'p50 ms'.padStart(7)}   ${'p95 ms'.padStart(7)}   recall@100`);
  await measure('none: flat scan (reference, exact)', '-');
  for (const { kind, ...options } of configs) {
    const t = performance.now();
    await table.createIndex('vector', { config: lancedb.Index[kind]({ distanceType: 'dot', ...options }), replace: true });
    await measure(JSON.stringify({ kind, ...options }), ((performance.now() - t) / 1000).toFixed(1));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
