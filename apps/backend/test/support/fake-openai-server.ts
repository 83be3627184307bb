import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FakeAnswerStyle, fakeModelAnswer, toTokens } from './fake-model-text.ts';

export type FakeBehaviour = 'ok' | 'hang' | 'hang-after-headers' | 'error-500' | 'malformed' | 'truncated';

export interface FakeModelOptions {
  behaviour?: FakeBehaviour;
  style?: FakeAnswerStyle;
  /** Delay before the first token (prefill), then between tokens. */
  firstTokenDelayMs?: number;
  tokenDelayMs?: number;
}

export interface RecordedCall {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
}

/**
 * A local OpenAI-compatible chat-completions server speaking the real wire protocol
 * (`POST /v1/chat/completions`, SSE `data: <chunk>` frames, `data: [DONE]`), for the real `openai` SDK.
 */
export class FakeOpenAiServer {
  readonly calls: RecordedCall[] = [];
  options: FakeModelOptions;
  private server?: Server;
  private readonly open = new Set<ServerResponse>();

  constructor(options: FakeModelOptions = {}) {
    this.options = options;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async stop(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
      return;
    }
    const body = await readJson(req);
    this.calls.push({ path: req.url, headers: req.headers, body });
    const { behaviour = 'ok', style = 'good', firstTokenDelayMs = 0, tokenDelayMs = 0 } = this.options;
    this.open.add(res);
    res.once('close', () => this.open.delete(res));
    if (behaviour === 'hang') return; // never answers
    if (behaviour === 'error-500') {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: 'boom', type: 'server_error', code: null } }));
      return;
    }
    const messages = (body.messages as { role: string; content: string }[] | undefined) ?? [];
    // The fake "reads" the user's turn (the system prompt only holds instructions and an example tag).
    const prompt = messages
      .filter((m) => m.role === 'user')
      .map((m) => m.content)
      .join('\n');
    const text = fakeModelAnswer(prompt, style);
    const base = {
      id: 'chatcmpl-fake',
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model: String(body.model),
    };
    if (!body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          ...base,
          object: 'chat.completion',
          choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
          usage: { prompt_tokens: Math.ceil(prompt.length / 4), completion_tokens: toTokens(text).length },
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    if (behaviour === 'hang-after-headers') return;
    await sleep(firstTokenDelayMs);
    if (behaviour === 'malformed') {
      res.end('data: {"this is not": json\n\n');
      return;
    }
    const tokens = toTokens(text);
    const sendUpTo = behaviour === 'truncated' ? Math.ceil(tokens.length / 3) : tokens.length;
    for (let i = 0; i < sendUpTo; i++) {
      if (res.destroyed) return;
      res.write(
        `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: i === 0 ? { role: 'assistant', content: tokens[i] } : { content: tokens[i] }, finish_reason: null }] })}\n\n`,
      );
      if (tokenDelayMs) await sleep(tokenDelayMs);
    }
    if (behaviour === 'truncated') {
      res.end(); // hangs up without a finish reason or [DONE]
      return;
    }
    res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
    res.write(
      `data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: Math.ceil(prompt.length / 4), completion_tokens: tokens.length, total_tokens: Math.ceil(prompt.length / 4) + tokens.length } })}\n\n`,
    );
    res.end('data: [DONE]\n\n');
  }
}
