/**
 * `pnpm bench:report`: time to first token and total time of a report.
 *  1. Offline composer (the default): retrieval over HTTP → composer → validator, first with an in-process
 *     fixture embedder (8 cases), then with the real built embedder over the 1000 sample cases
 *     (`--embedder`, started and loaded here). Target: p95 time to first token ≤ 300 ms.
 *  2. Our overhead over a model: the same report against a fake OpenAI-compatible server with a fixed
 *     latency (first token after 200 ms, then 2 ms per token), compared with calling that server directly
 *     through the SDK with the same prompt. Target: overhead ≤ 50 ms (p50 and p95 of the difference).
 */
import { freePort, ingestFile, REPO_ROOT, SAMPLE_CSV, ServiceProcess } from '@patientinsight/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import OpenAI from 'openai';
import { buildReportMessages } from '../dist/reports/report-prompt.js';
import { createHarness, percentile, readScenarios } from '../eval/eval-harness.ts';
import { FakeOpenAiServer } from '../test/support/fake-openai-server.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    'model-runs': { type: 'string', default: '30' },
    embedder: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const modelRuns = Number(values['model-runs']);
const scenarios = await reportable(readScenarios());
const fmt = (ms: number) => `${ms.toFixed(1)} ms`.padStart(10);

/** The scenarios the product writes a report for: a red-flagged one is refused (409 ENCOUNTER_URGENT), as eval:citations shows. */
async function reportable(all: ReturnType<typeof readScenarios>): Promise<ReturnType<typeof readScenarios>> {
  const harness = await createHarness({}, { LLM_PROVIDER: 'offline' });
  const kept: ReturnType<typeof readScenarios> = [];
  for (const scenario of all) {
    try {
      await harness.builder.build({ encounterId: 'bench-check', summary: scenario.summary }, () => {});
      kept.push(scenario);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENCOUNTER_URGENT') throw error;
      console.log(`${scenario.name}: skipped (${(error as Error).message})`);
    }
  }
  await harness.close();
  return kept;
}
/** Offline reports against a retriever: TTFT and total, after 10 warm-up reports. */
async function offlineRun(env: Record<string, string | undefined>, label: string): Promise<void> {
  const harness = await createHarness(env, { LLM_PROVIDER: 'offline' });
  const ttft: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < runs + 10; i++) {
    const scenario = scenarios[i % scenarios.length]!;
    const started = performance.now();
    let first: number | null = null;
    await harness.builder.build({ encounterId: `bench-${i}`, summary: scenario.summary }, (e) => {
      if (e.type === 'delta' && first === null) first = performance.now();
    });
    if (i < 10) continue;
    ttft.push((first ?? performance.now()) - started);
    total.push(performance.now() - started);
  }
  await harness.close();
  console.log(`offline composer, ${runs} reports, ${label}:`);
  console.log(
    `  time to first token   p50 ${fmt(percentile(ttft, 50))}   p95 ${fmt(percentile(ttft, 95))}   max ${fmt(Math.max(...ttft))}   target p95 ≤ 300 ms`,
  );
  console.log(
    `  total                 p50 ${fmt(percentile(total, 50))}   p95 ${fmt(percentile(total, 95))}   max ${fmt(Math.max(...total))}`,
  );
}

// 1. Offline composer.
await offlineRun({}, 'in-process fixture embedder (8 cases)');
if (values.embedder) {
  // The real embedder (built), on its embedded defaults, loaded with the 1000 sample cases.
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-report-'));
  const token = 'bench-service-token-0123456789abcdef';
  const port = await freePort();
  const embedder = new ServiceProcess({
    cwd: join(REPO_ROOT, 'apps/embedder'),
    entry: 'dist/main.js',
    env: {
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      PORT: port,
      METRICS_PORT: await freePort(),
      DATA_DIR: dataDir,
      SERVICE_TOKEN: token,
      LOCAL_SOURCE_ROOTS: join(REPO_ROOT, 'data'),
    },
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    await embedder.waitFor(`${url}/readyz`);
    const job = await ingestFile(url, token, SAMPLE_CSV);
    if (job.state !== 'succeeded') throw new Error(`sample ingestion ended ${String(job.state)}`);
    await offlineRun({ EMBEDDER_URL: url, SERVICE_TOKEN: token }, 'real embedder over the 1000 sample cases (hybrid search over HTTP)');
  } finally {
    await embedder.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
// 2. Overhead over a fake model with fixed latency.
{
  const fake = new FakeOpenAiServer({ firstTokenDelayMs: 200, tokenDelayMs: 2 });
  const url = await fake.start();
  const harness = await createHarness(
    {},
    { LLM_PROVIDER: 'openai', OPENAI_BASE_URL: url, OPENAI_API_KEY: 'sk-bench', LLM_MODEL: 'fake-fixed-latency', LLM_RETRIES: '0' },
  );
  const sdk = new OpenAI({ apiKey: 'sk-bench', baseURL: url, maxRetries: 0 });
  /** Sum of a histogram's observations (seconds) on the harness registry, for one label set. */
  const histogramSum = async (name: string): Promise<number> => {
    const metric = harness.registry.getSingleMetric(name);
    const data = metric ? await metric.get() : { values: [] };
    return (data.values as { metricName?: string; value: number; labels: Record<string, string | number> }[])
      .filter(
        (v) =>
          v.metricName === `${name}_sum` && v.labels.provider === 'openai' && (v.labels.outcome === undefined || v.labels.outcome === 'ok'),
      )
      .reduce((a, v) => a + v.value, 0);
  };
  const inRun: { ttft: number; total: number }[] = [];
  const direct: { ttft: number; total: number }[] = [];
  const ours: { ttft: number; total: number }[] = [];
  for (let i = 0; i < modelRuns + 3; i++) {
    const scenario = scenarios[i % scenarios.length]!;
    // Ours: the whole report (retrieval, masking, prompt, stream, restore, validation).
    const [modelBefore, ttftBefore] = [
      await histogramSum('llm_generation_duration_seconds'),
      await histogramSum('llm_time_to_first_token_seconds'),
    ];
    const started = performance.now();
    let first: number | null = null;
    let cases: { caseId: string; title: string; age: number | null; sex: 'F' | 'M' | null; snippet: string }[] = [];
    await harness.builder.build({ encounterId: `bench-model-${i}`, summary: scenario.summary, knownNames: ['Alex Example'] }, (e) => {
      if (e.type === 'meta') cases = e.cases;
      if (e.type === 'delta' && first === null) first = performance.now();
    });
    const oursTotal = performance.now() - started;
    const oursTtft = (first ?? performance.now()) - started;
    // The model's own time in this very run (the runner's histograms), so load on the machine cancels out.
    const modelMs = ((await histogramSum('llm_generation_duration_seconds')) - modelBefore) * 1000;
    const modelTtftMs = ((await histogramSum('llm_time_to_first_token_seconds')) - ttftBefore) * 1000;
    // Direct: the same prompt straight through the SDK, nothing else.
    const messages = buildReportMessages(scenario.summary, cases, (t) => t);
    const directStart = performance.now();
    let directFirst: number | null = null;
    const stream = await sdk.chat.completions.create({ model: 'fake-fixed-latency', messages, stream: true, max_tokens: 900 });
    for await (const chunk of stream) if (chunk.choices[0]?.delta?.content && directFirst === null) directFirst = performance.now();
    const directTotal = performance.now() - directStart;
    if (i < 3) continue;
    ours.push({ ttft: oursTtft, total: oursTotal });
    inRun.push({ ttft: oursTtft - modelTtftMs, total: oursTotal - modelMs });
    direct.push({ ttft: (directFirst ?? performance.now()) - directStart, total: directTotal });
  }
  await harness.close();
  await fake.stop();
  const overheadTtft = ours.map((o, i) => o.ttft - direct[i]!.ttft);
  const overheadTotal = ours.map((o, i) => o.total - direct[i]!.total);
  console.log(`fake model with fixed latency (first token 200 ms, 2 ms/token), ${modelRuns} reports:`);
  console.log(
    `  direct SDK call      TTFT p50 ${fmt(
      percentile(
        direct.map((d) => d.ttft),
        50,
      ),
    )}   total p50 ${fmt(
      percentile(
        direct.map((d) => d.total),
        50,
      ),
    )}`,
  );
  console.log(
    `  our report pipeline  TTFT p50 ${fmt(
      percentile(
        ours.map((d) => d.ttft),
        50,
      ),
    )}   total p50 ${fmt(
      percentile(
        ours.map((d) => d.total),
        50,
      ),
    )}`,
  );
  console.log(
    `  overhead, same run   before the model's first token p50 ${fmt(
      percentile(
        inRun.map((d) => d.ttft),
        50,
      ),
    )} p95 ${fmt(
      percentile(
        inRun.map((d) => d.ttft),
        95,
      ),
    )}   whole report minus model time p50 ${fmt(
      percentile(
        inRun.map((d) => d.total),
        50,
      ),
    )} p95 ${fmt(
      percentile(
        inRun.map((d) => d.total),
        95,
      ),
    )}   target ≤ 50 ms`,
  );
  console.log(
    `  overhead, paired     TTFT p50 ${fmt(percentile(overheadTtft, 50))} p95 ${fmt(percentile(overheadTtft, 95))}   total p50 ${fmt(percentile(overheadTotal, 50))} p95 ${fmt(percentile(overheadTotal, 95))}   (difference of two separate calls: includes scheduling noise)`,
  );
}
