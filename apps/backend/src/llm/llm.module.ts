import { Module } from '@nestjs/common';
import { configSlice } from '../common/config-slice.js';
import type { LanguageModel } from './language-model.js';
import { type LlmConfig, llmConfigShape } from './llm.config.js';
import { LlmMetrics } from './llm-metrics.js';
import { OpenAiModel } from './openai/openai.model.js';
import { ResilientRunner } from './resilient-runner.js';
import { createSageMakerClient } from './sagemaker/sagemaker-client.js';
import { SageMakerLmiModel } from './sagemaker/sagemaker-lmi.model.js';
import { SageMakerTgiModel } from './sagemaker/sagemaker-tgi.model.js';
import { TextGenerator } from './text-generator.js';
import { LLM_CONFIG, LLM_RUNNER } from './llm.tokens.js';

export { LLM_CONFIG, LLM_RUNNER } from './llm.tokens.js';

/** Builds the configured LanguageModel adapter (null when offline). */
export function createLanguageModel(config: LlmConfig): LanguageModel | null {
  if (config.LLM_PROVIDER === 'openai') {
    return new OpenAiModel({
      baseUrl: config.OPENAI_BASE_URL,
      apiKey: config.OPENAI_API_KEY ?? '',
      model: config.LLM_MODEL ?? 'gpt-4o',
      timeoutMs: config.LLM_FIRST_TOKEN_TIMEOUT_MS,
    });
  }
  if (config.LLM_PROVIDER === 'sagemaker') {
    const client = createSageMakerClient({
      region: config.SAGEMAKER_REGION,
      endpointUrl: config.SAGEMAKER_ENDPOINT_URL,
      credentials:
        config.AWS_ACCESS_KEY_ID && config.AWS_SECRET_ACCESS_KEY
          ? { accessKeyId: config.AWS_ACCESS_KEY_ID, secretAccessKey: config.AWS_SECRET_ACCESS_KEY, sessionToken: config.AWS_SESSION_TOKEN }
          : undefined,
      socketTimeoutMs: Math.max(config.LLM_FIRST_TOKEN_TIMEOUT_MS, config.LLM_IDLE_TIMEOUT_MS) + 1_000,
    });
    const endpoint = config.SAGEMAKER_ENDPOINT_NAME ?? '';
    return config.SAGEMAKER_CONTAINER === 'tgi'
      ? new SageMakerTgiModel(client, endpoint, config.LLM_MODEL ?? `openbiollm-8b@${endpoint}`, config.SAGEMAKER_STREAMING)
      : new SageMakerLmiModel(client, endpoint, config.LLM_MODEL ?? `lmi@${endpoint}`, config.SAGEMAKER_STREAMING);
  }
  return null;
}

export function createRunner(config: LlmConfig, metrics: LlmMetrics): ResilientRunner | null {
  const model = createLanguageModel(config);
  return model
    ? new ResilientRunner(
        model,
        {
          firstTokenTimeoutMs: config.LLM_FIRST_TOKEN_TIMEOUT_MS,
          idleTimeoutMs: config.LLM_IDLE_TIMEOUT_MS,
          totalTimeoutMs: config.LLM_TOTAL_TIMEOUT_MS,
          retries: config.LLM_RETRIES,
          backoffInitialMs: config.LLM_BACKOFF_MS,
          breakerConsecutiveFailures: config.LLM_BREAKER_FAILURES,
          breakerCooldownMs: config.LLM_BREAKER_COOLDOWN_MS,
          pricePer1kInUsd: config.LLM_PRICE_IN_PER_1K_USD,
          pricePer1kOutUsd: config.LLM_PRICE_OUT_PER_1K_USD,
        },
        metrics,
      )
    : null;
}

@Module({
  providers: [
    LlmMetrics,
    configSlice<LlmConfig>(LLM_CONFIG, Object.keys(llmConfigShape)),
    { provide: LLM_RUNNER, useFactory: createRunner, inject: [LLM_CONFIG, LlmMetrics] },
    TextGenerator,
  ],
  exports: [LlmMetrics, LLM_RUNNER, LLM_CONFIG, TextGenerator],
})
export class LlmModule {}
