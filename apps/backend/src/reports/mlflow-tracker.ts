import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { errorLogFields } from '@patientinsight/nest-kit';
import type { Report } from '@patientinsight/shared';
import { type MlflowRequestSigner, sagemakerMlflowEndpoint, sagemakerMlflowSigner } from './mlflow-auth.js';
import { REPORTS_CONFIG, type ReportsConfig } from './reports.config.js';

/**
 * Optional run tracking in MLflow through its REST API (MLFLOW_TRACKING_URI): one run per report with
 * its parameters (model, prompt and corpus versions, retrieval settings, the prompt's SHA-256 and size)
 * and metrics (TTFT, total, tokens, cost, citations). Nothing about the patient leaves: no encounter
 * id, no filter values (age, sex), and the prompt text only with MLFLOW_LOG_PROMPT=masked. So there is
 * nothing to find there when an account is deleted. Fire-and-forget: tracking never delays or fails a report.
 */
@Injectable()
export class MlflowTracker {
  private readonly logger = new Logger(MlflowTracker.name);
  private experimentId: Promise<string> | null = null;

  private readonly baseUrl: string | undefined;
  private readonly sign: MlflowRequestSigner | undefined;

  constructor(
    @Inject(REPORTS_CONFIG)
    private readonly config: Pick<
      ReportsConfig,
      'MLFLOW_TRACKING_URI' | 'MLFLOW_TRACKING_SERVER_ARN' | 'MLFLOW_EXPERIMENT' | 'MLFLOW_TRACKING_TOKEN' | 'MLFLOW_LOG_PROMPT'
    >,
  ) {
    const arn = config.MLFLOW_TRACKING_SERVER_ARN;
    this.baseUrl = config.MLFLOW_TRACKING_URI ?? (arn ? sagemakerMlflowEndpoint(arn).url : undefined);
    this.sign = arn ? sagemakerMlflowSigner(arn) : undefined;
  }

  get enabled(): boolean {
    return Boolean(this.baseUrl);
  }

  logReport(report: Report, prompt: string | null): void {
    if (!this.enabled) return;
    this.track(report, prompt).catch((error: unknown) => this.logger.warn(errorLogFields(error), 'MLflow tracking failed'));
  }

  /** Resolves when the run is fully recorded (tests and scripts wait on it; the service does not). */
  async track(report: Report, prompt: string | null): Promise<string> {
    // One experiment lookup shared by concurrent reports; forgotten on failure so the next report retries.
    if (!this.experimentId) {
      this.experimentId = this.ensureExperiment().catch((error: unknown) => {
        this.experimentId = null;
        throw error;
      });
    }
    const experimentId = await this.experimentId;
    const now = Date.now();
    const created = await this.call<{ run: { info: { run_id: string } } }>('POST', '/api/2.0/mlflow/runs/create', {
      experiment_id: experimentId,
      start_time: now,
      run_name: `report ${report.provenance.promptVersion}`,
    });
    const runId = created.run.info.run_id;
    const p = report.provenance;
    const params: Record<string, string> = {
      provider: p.provider,
      model: p.generatedBy.model ?? 'offline-composer',
      prompt_version: p.promptVersion,
      corpus_version: p.corpusVersion ?? 'unknown',
      retrieval_top_k: String(p.retrieval.topK),
      // Whether the search was filtered, not by what: the filters are the patient's age and sex.
      retrieval_filtered: String(p.retrieval.filters !== null && p.retrieval.filters !== undefined),
      fallback_reason: p.generatedBy.fallbackReason ?? 'none',
      prompt_logged: prompt ? this.config.MLFLOW_LOG_PROMPT : 'none',
      ...(prompt ? { prompt_sha256: createHash('sha256').update(prompt).digest('hex'), prompt_chars: String(prompt.length) } : {}),
    };
    const metrics: Record<string, number | null> = {
      time_to_first_token_ms: p.timeToFirstTokenMs,
      total_ms: p.totalMs,
      tokens_in: p.tokensIn,
      tokens_out: p.tokensOut,
      cost_usd: p.costUsd,
      cases_retrieved: report.cases.length,
      cases_cited: report.cases.filter((c) => c.cited).length,
      validation_repairs: report.validation.length,
    };
    await this.call('POST', '/api/2.0/mlflow/runs/log-batch', {
      run_id: runId,
      params: Object.entries(params).map(([key, value]) => ({ key, value: value.slice(0, 500) })),
      metrics: Object.entries(metrics)
        .filter((entry): entry is [string, number] => entry[1] !== null)
        .map(([key, value]) => ({ key, value, timestamp: now, step: 0 })),
    });
    if (prompt && this.config.MLFLOW_LOG_PROMPT === 'masked') {
      const url = new URL(`/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts/prompt.txt`, this.baseUrl);
      const headers = await this.headersFor('PUT', url, { 'content-type': 'text/plain' }, prompt);
      const res = await fetch(url, { method: 'PUT', body: prompt, headers, signal: AbortSignal.timeout(5_000) });
      if (!res.ok) throw new Error(`MLflow artifact upload answered ${res.status}`);
    }
    await this.call('POST', '/api/2.0/mlflow/runs/update', { run_id: runId, status: 'FINISHED', end_time: Date.now() });
    return runId;
  }

  private async ensureExperiment(): Promise<string> {
    const name = this.config.MLFLOW_EXPERIMENT;
    try {
      const found = await this.call<{ experiment: { experiment_id: string } }>(
        'GET',
        `/api/2.0/mlflow/experiments/get-by-name?experiment_name=${encodeURIComponent(name)}`,
      );
      return found.experiment.experiment_id;
    } catch (error) {
      if (!(error instanceof Error && error.message.includes('RESOURCE_DOES_NOT_EXIST'))) throw error;
      const created = await this.call<{ experiment_id: string }>('POST', '/api/2.0/mlflow/experiments/create', { name });
      return created.experiment_id;
    }
  }

  /** The token, or a SigV4 signature for a SageMaker-managed server, over exactly what is sent. */
  private async headersFor(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: string | undefined,
  ): Promise<Record<string, string>> {
    if (this.sign) return this.sign(method, url, headers, body);
    return this.config.MLFLOW_TRACKING_TOKEN ? { ...headers, authorization: `Bearer ${this.config.MLFLOW_TRACKING_TOKEN}` } : headers;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = new URL(path, this.baseUrl);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers = await this.headersFor(method, url, payload === undefined ? {} : { 'content-type': 'application/json' }, payload);
    const res = await fetch(url, { method, headers, body: payload, signal: AbortSignal.timeout(5_000) });
    const text = await res.text();
    if (!res.ok) throw new Error(`MLflow ${method} ${path.split('?')[0]} answered ${res.status}: ${text.slice(0, 200)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }
}
