import { CITATION_PATTERN, EmbedderClient, type IntakeSummary, intakeSummarySchema, loadConfig } from '@patientinsight/shared';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Registry } from 'prom-client';
import { z } from 'zod';
// Run as TypeScript by Node's type stripping (not compiled into the image): the product comes from the built dist.
import { llmConfigShape } from '../dist/llm/llm.config.js';
import { TextGenerator } from '../dist/llm/text-generator.js';
import { createRunner } from '../dist/llm/llm.module.js';
import { LlmMetrics } from '../dist/llm/llm-metrics.js';
import { CASE_CLAIM, splitSentences } from '../dist/reports/citation-validator.js';
import { MlflowTracker } from '../dist/reports/mlflow-tracker.js';
import { ReportBuilder } from '../dist/reports/report-builder.js';
import { reportsConfigShape } from '../dist/reports/reports.config.js';
import { FakeEmbedderServer } from '../test/support/fake-embedder-server.ts';

export const DEFAULT_SCENARIOS = fileURLToPath(new URL('./report-scenarios.jsonl', import.meta.url));

export interface Scenario {
  name: string;
  summary: IntakeSummary;
}

export function readScenarios(path = DEFAULT_SCENARIOS): Scenario[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((line) => {
      const raw = JSON.parse(line) as { name: string; summary: unknown };
      return { name: raw.name, summary: intakeSummarySchema.parse(raw.summary) };
    });
}

export interface Harness {
  builder: ReportBuilder;
  registry: Registry;
  retriever: string;
  generator: string;
  close(): Promise<void>;
}

/**
 * A ReportBuilder for the evaluation and benchmark commands, configured from the environment like the
 * backend (LLM_PROVIDER, OPENAI_*, SAGEMAKER_*, ...). Retrieval: the running embedder when EMBEDDER_URL
 * and SERVICE_TOKEN are set, otherwise an in-process embedder over a small fixture corpus.
 */
export async function createHarness(
  env: Record<string, string | undefined> = process.env,
  overrides: Record<string, string> = {},
): Promise<Harness> {
  // The fixture embedder scores by word overlap, not on the fused scale the relevance calibration was fitted on: no floor there.
  const fixtureFloor = !env.EMBEDDER_URL || !env.SERVICE_TOKEN ? { REPORT_MIN_RELEVANCE: '0' } : {};
  const config = loadConfig(z.object({ ...llmConfigShape, ...reportsConfigShape }), { ...fixtureFloor, ...env, ...overrides });
  const registry = new Registry();
  const metrics = new LlmMetrics(registry);
  let fake: FakeEmbedderServer | null = null;
  let baseUrl = env.EMBEDDER_URL;
  let token = env.SERVICE_TOKEN;
  if (!baseUrl || !token) {
    token = 'harness-service-token-0123456789';
    fake = new FakeEmbedderServer({ serviceToken: token });
    baseUrl = await fake.start();
  }
  const runner = createRunner(config, metrics);
  const builder = new ReportBuilder(
    new EmbedderClient({ baseUrl, serviceToken: token, timeoutMs: 10_000 }),
    new TextGenerator(runner, config, metrics),
    config,
    new MlflowTracker(config),
  );
  return {
    builder,
    registry,
    retriever: fake ? 'in-process fixture embedder (8 cases)' : `embedder at ${baseUrl}`,
    generator: runner ? `${runner.model.provider} ${runner.model.model}` : 'offline composer',
    close: async () => {
      await fake?.stop();
    },
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Sentences about cases, and how many carry at least one citation, all to retrieved cases. */
export function citationShare(text: string, retrieved: Set<string>, wholeSectionIsAboutCases = false): { about: number; cited: number } {
  let about = 0;
  let cited = 0;
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line)) continue;
    for (const sentence of splitSentences(line.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, ''))) {
      const ids = [...sentence.matchAll(CITATION_PATTERN)].map((m) => m[1]!);
      if (!(wholeSectionIsAboutCases || ids.length > 0 || CASE_CLAIM.test(sentence))) continue;
      about++;
      if (ids.length > 0 && ids.every((id) => retrieved.has(id))) cited++;
    }
  }
  return { about, cited };
}
