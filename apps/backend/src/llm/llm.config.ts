import { z } from 'zod';

const ms = (fallback: number, min = 1) =>
  z.coerce
    .number({ message: 'must be a number of milliseconds' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .default(fallback);
const usd = z.coerce.number({ message: 'must be a price in USD' }).min(0, 'must not be negative').default(0);
const optionalUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional();

/**
 * Language-model settings of the backend (spread into backendConfigSchema); the reports feature's own are in
 * reports/reports.config.ts.
 * LLM_PROVIDER=offline (the default) needs nothing else and never calls out.
 */
export const llmConfigShape = {
  LLM_PROVIDER: z.enum(['offline', 'sagemaker', 'openai'], { message: 'must be offline, sagemaker or openai' }).default('offline'),
  /** What the SageMaker endpoint runs: a TGI container (OpenBioLLM-8B, Llama-3 template) or an LMI container with the OpenAI chat schema. */
  SAGEMAKER_CONTAINER: z.enum(['tgi', 'lmi'], { message: 'must be tgi or lmi' }).default('tgi'),
  SAGEMAKER_ENDPOINT_NAME: z.string().min(1).optional(),
  SAGEMAKER_REGION: z.string().default('us-east-1'),
  /** Runtime URL override (VPC endpoint; a local fake in tests). */
  SAGEMAKER_ENDPOINT_URL: optionalUrl,
  /** Use InvokeEndpointWithResponseStream (true) or InvokeEndpoint (false). */
  SAGEMAKER_STREAMING: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** Explicit keys; unset uses the AWS SDK default chain (IRSA, instance role). */
  AWS_ACCESS_KEY_ID: z.string().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().optional(),
  AWS_SESSION_TOKEN: z.string().optional(),
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).default('https://api.openai.com/v1'),
  OPENAI_API_KEY: z.string().optional(),
  /** The model name sent to the API, and recorded with each report (for SageMaker: a label of the endpoint's model). */
  LLM_MODEL: z.string().optional(),
  LLM_MAX_TOKENS: z.coerce.number({ message: 'must be a number' }).int().min(64).max(8192).default(900),
  LLM_TEMPERATURE: z.coerce.number({ message: 'must be a number' }).min(0).max(2).default(0.2),
  LLM_FIRST_TOKEN_TIMEOUT_MS: ms(20_000, 50),
  LLM_IDLE_TIMEOUT_MS: ms(10_000, 50),
  LLM_TOTAL_TIMEOUT_MS: ms(90_000, 100),
  /** Extra attempts before the first token (exponential backoff with jitter from LLM_BACKOFF_MS). */
  LLM_RETRIES: z.coerce.number({ message: 'must be a number' }).int().min(0).max(5).default(2),
  LLM_BACKOFF_MS: ms(250, 1),
  LLM_BREAKER_FAILURES: z.coerce.number({ message: 'must be a number' }).int().min(1).default(5),
  LLM_BREAKER_COOLDOWN_MS: ms(30_000, 100),
  LLM_PRICE_IN_PER_1K_USD: usd,
  LLM_PRICE_OUT_PER_1K_USD: usd,
};

const llmConfigSchema = z.object(llmConfigShape);
export type LlmConfig = z.output<typeof llmConfigSchema>;

/** Cross-field rules: a hosted provider needs its endpoint or key. */
export function llmConfigProblems(config: LlmConfig): { variable: string; reason: string }[] {
  const problems: { variable: string; reason: string }[] = [];
  if (config.LLM_PROVIDER === 'sagemaker' && !config.SAGEMAKER_ENDPOINT_NAME)
    problems.push({ variable: 'SAGEMAKER_ENDPOINT_NAME', reason: 'is required when LLM_PROVIDER=sagemaker' });
  if (config.LLM_PROVIDER === 'openai' && !config.OPENAI_API_KEY)
    problems.push({ variable: 'OPENAI_API_KEY', reason: 'is required when LLM_PROVIDER=openai' });
  if (Boolean(config.AWS_ACCESS_KEY_ID) !== Boolean(config.AWS_SECRET_ACCESS_KEY))
    problems.push({ variable: 'AWS_SECRET_ACCESS_KEY', reason: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together' });
  return problems;
}
