import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Registry } from 'prom-client';
import { applyLlama3Template } from './chat-template.js';
import { type GenerationEvent, type LanguageModel, LanguageModelError } from './language-model.js';
import { LlmMetrics } from './llm-metrics.js';
import { OpenAiModel } from './openai/openai.model.js';
import { type ResilienceOptions, ResilientRunner } from './resilient-runner.js';
import { createSageMakerClient } from './sagemaker/sagemaker-client.js';
import { SageMakerLmiModel } from './sagemaker/sagemaker-lmi.model.js';
import { SageMakerTgiModel } from './sagemaker/sagemaker-tgi.model.js';
import { fakeModelAnswer } from '../../test/support/fake-model-text.ts';
import { FakeOpenAiServer } from '../../test/support/fake-openai-server.ts';
import { FakeSageMakerServer } from '../../test/support/fake-sagemaker-server.ts';

const PROMPT = [
  { role: 'system' as const, content: 'You write reports.' },
  { role: 'user' as const, content: 'Cases: [case:111-1] and [case:222-1]. Write the three sections now.' },
];
const EXPECTED = fakeModelAnswer(PROMPT[1]!.content);

async function collect(stream: AsyncIterable<GenerationEvent>): Promise<{ text: string; tokens: number; usage: GenerationEvent[] }> {
  let text = '';
  let tokens = 0;
  const usage: GenerationEvent[] = [];
  for await (const event of stream) {
    if (event.type === 'token') {
      text += event.text;
      tokens++;
    } else usage.push(event);
  }
  return { text, tokens, usage };
}

async function failure(stream: AsyncIterable<GenerationEvent>): Promise<LanguageModelError> {
  try {
    await collect(stream);
  } catch (error) {
    expect(error).toBeInstanceOf(LanguageModelError);
    return error as LanguageModelError;
  }
  throw new Error('expected the stream to fail');
}

const sagemakerClient = (url: string) =>
  createSageMakerClient({
    region: 'us-east-1',
    endpointUrl: url,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    socketTimeoutMs: 5_000,
  });

describe('SageMaker TGI adapter (real SDK, fake endpoint speaking the event-stream protocol)', () => {
  const fake = new FakeSageMakerServer('tgi');
  let url: string;
  beforeAll(async () => {
    url = await fake.start();
  });
  afterAll(() => fake.stop());

  it('streams tokens from InvokeEndpointWithResponseStream with the Llama-3 chat template and TGI parameters', async () => {
    fake.options = {};
    const model = new SageMakerTgiModel(sagemakerClient(url), 'openbiollm-8b', 'openbiollm-8b');
    const { text, tokens, usage } = await collect(model.stream({ messages: PROMPT, maxTokens: 300, temperature: 0.2, topP: 0.9 }));
    expect(text).toBe(EXPECTED);
    expect(tokens).toBeGreaterThan(10);
    expect(usage).toContainEqual({ type: 'usage', tokensIn: null, tokensOut: tokens });
    const call = fake.calls.at(-1)!;
    expect(call.path).toBe('/endpoints/openbiollm-8b/invocations-response-stream');
    expect(String(call.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/us-east-1\/sagemaker\/aws4_request/);
    expect(call.body.inputs).toBe(applyLlama3Template(PROMPT));
    expect(String(call.body.inputs)).toMatch(
      /^<\|begin_of_text\|><\|start_header_id\|>system<\|end_header_id\|>\n\nYou write reports\.<\|eot_id\|>/,
    );
    expect(String(call.body.inputs).endsWith('<|start_header_id|>assistant<|end_header_id|>\n\n')).toBe(true);
    expect(call.body.parameters).toMatchObject({
      max_new_tokens: 300,
      temperature: 0.2,
      top_p: 0.9,
      do_sample: true,
      return_full_text: false,
    });
    expect((call.body.parameters as { stop: string[] }).stop).toContain('<|eot_id|>');
  });

  it('answers through InvokeEndpoint ([{ generated_text }]) when streaming is off', async () => {
    const model = new SageMakerTgiModel(sagemakerClient(url), 'openbiollm-8b', 'openbiollm-8b', false);
    const { text } = await collect(model.stream({ messages: PROMPT, maxTokens: 300, temperature: 0 }));
    expect(text).toBe(EXPECTED);
    expect(fake.calls.at(-1)!.path).toBe('/endpoints/openbiollm-8b/invocations');
    expect(fake.calls.at(-1)!.body.parameters).toMatchObject({ do_sample: false });
  });

  it('maps a 500, a malformed event and a mid-stream ModelStreamError to typed failures', async () => {
    const model = new SageMakerTgiModel(sagemakerClient(url), 'ep', 'm');
    fake.options = { behaviour: 'error-500' };
    const http = await failure(model.stream({ messages: PROMPT, maxTokens: 50, temperature: 0 }));
    expect([http.failure, http.retryable]).toEqual(['http_error', true]);
    fake.options = { behaviour: 'malformed' };
    expect((await failure(model.stream({ messages: PROMPT, maxTokens: 50, temperature: 0 }))).failure).toBe('malformed');
    fake.options = { behaviour: 'truncated' };
    expect((await failure(model.stream({ messages: PROMPT, maxTokens: 50, temperature: 0 }))).failure).toBe('incomplete');
    fake.options = {};
  });
});

describe('SageMaker LMI adapter (OpenAI chat schema inside the SageMaker protocol)', () => {
  const fake = new FakeSageMakerServer('lmi');
  let url: string;
  beforeAll(async () => {
    url = await fake.start();
  });
  afterAll(() => fake.stop());

  it('streams chat-completion chunks and reports usage; non-streaming works too', async () => {
    const expected = EXPECTED;
    const streaming = await collect(
      new SageMakerLmiModel(sagemakerClient(url), 'lmi-ep', 'lmi').stream({ messages: PROMPT, maxTokens: 200, temperature: 0.1 }),
    );
    expect(streaming.text).toBe(expected);
    expect(streaming.usage.at(-1)).toMatchObject({ type: 'usage', tokensOut: streaming.tokens });
    expect(fake.calls.at(-1)!.body).toMatchObject({ messages: PROMPT, max_tokens: 200, stream: true });
    const single = await collect(
      new SageMakerLmiModel(sagemakerClient(url), 'lmi-ep', 'lmi', false).stream({ messages: PROMPT, maxTokens: 200, temperature: 0.1 }),
    );
    expect(single.text).toBe(expected);
  });
});

describe('OpenAI-compatible adapter (real openai SDK, fake SSE server)', () => {
  const fake = new FakeOpenAiServer();
  let url: string;
  beforeAll(async () => {
    url = await fake.start();
  });
  afterAll(() => fake.stop());

  it('streams over SSE with usage and sends the chat request', async () => {
    fake.options = {};
    const model = new OpenAiModel({ baseUrl: url, apiKey: 'sk-test', model: 'gpt-4o', timeoutMs: 5_000 });
    const { text, usage } = await collect(model.stream({ messages: PROMPT, maxTokens: 100, temperature: 0.2 }));
    expect(text).toBe(EXPECTED);
    expect(usage.at(-1)).toMatchObject({ type: 'usage', tokensIn: expect.any(Number), tokensOut: expect.any(Number) });
    const call = fake.calls.at(-1)!;
    expect(call.headers.authorization).toBe('Bearer sk-test');
    expect(call.body).toMatchObject({ model: 'gpt-4o', stream: true, max_tokens: 100, stream_options: { include_usage: true } });
  });

  it('treats a stream that hangs up without a finish reason as incomplete, and bad JSON as malformed', async () => {
    const model = new OpenAiModel({ baseUrl: url, apiKey: 'sk-test', model: 'gpt-4o', timeoutMs: 5_000 });
    fake.options = { behaviour: 'truncated' };
    expect((await failure(model.stream({ messages: PROMPT, maxTokens: 100, temperature: 0 }))).failure).toBe('incomplete');
    fake.options = { behaviour: 'malformed' };
    expect((await failure(model.stream({ messages: PROMPT, maxTokens: 100, temperature: 0 }))).failure).toBe('malformed');
    fake.options = {};
  });
});

describe('ResilientRunner', () => {
  const fake = new FakeOpenAiServer();
  let url: string;
  const options: ResilienceOptions = {
    firstTokenTimeoutMs: 300,
    idleTimeoutMs: 300,
    totalTimeoutMs: 5_000,
    retries: 2,
    backoffInitialMs: 5,
    breakerConsecutiveFailures: 3,
    breakerCooldownMs: 60_000,
    pricePer1kInUsd: 0.005,
    pricePer1kOutUsd: 0.015,
  };
  beforeAll(async () => {
    url = await fake.start();
  });
  afterAll(() => fake.stop());
  const setup = () => {
    const registry = new Registry();
    const metrics = new LlmMetrics(registry);
    const model: LanguageModel = new OpenAiModel({ baseUrl: url, apiKey: 'k', model: 'gpt-4o', timeoutMs: 2_000 });
    return { registry, runner: new ResilientRunner(model, options, metrics) };
  };

  it('records latency, first token, tokens and cost on success', async () => {
    fake.options = {};
    const { registry, runner } = setup();
    const seen: string[] = [];
    const result = await runner.run('report', { messages: PROMPT, maxTokens: 100, temperature: 0 }, (t) => seen.push(t));
    expect(seen.join('')).toBe(result.text);
    expect(result.usageReported).toBe(true);
    expect(result.costUsd).toBeCloseTo((result.tokensIn / 1000) * 0.005 + (result.tokensOut / 1000) * 0.015, 10);
    const text = await registry.metrics();
    expect(text).toMatch(/llm_time_to_first_token_seconds_count\{provider="openai",model="gpt-4o",task="report"\} 1/);
    expect(text).toMatch(new RegExp(`llm_tokens_total\\{provider="openai",model="gpt-4o",direction="out"\\} ${result.tokensOut}`));
  });

  it('retries a 5xx with backoff, then opens the circuit so later calls do not reach the model', async () => {
    fake.options = { behaviour: 'error-500' };
    const { runner } = setup();
    const before = fake.calls.length;
    const first = await runner.run('report', { messages: PROMPT, maxTokens: 10, temperature: 0 }, () => {}).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(LanguageModelError);
    expect(fake.calls.length - before).toBe(3); // 1 + 2 retries; the third failure opens the breaker
    const second = (await runner
      .run('report', { messages: PROMPT, maxTokens: 10, temperature: 0 }, () => {})
      .catch((e: unknown) => e)) as LanguageModelError;
    expect(second.failure).toBe('circuit_open');
    expect(fake.calls.length - before).toBe(3);
    fake.options = {};
  });

  it('times out a server that sends headers and then nothing', async () => {
    fake.options = { behaviour: 'hang-after-headers' };
    const { runner } = setup();
    const error = (await runner
      .run('report', { messages: PROMPT, maxTokens: 10, temperature: 0 }, () => {})
      .catch((e: unknown) => e)) as LanguageModelError;
    expect(error.failure).toBe('timeout');
    fake.options = {};
  });
});
