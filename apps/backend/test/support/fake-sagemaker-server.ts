import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeModelAnswer, toTokens } from './fake-model-text.ts';
import { type FakeModelOptions, type RecordedCall, readJson } from './fake-openai-server.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** One AWS event-stream message carrying raw bytes as a PayloadPart (the member is an @eventPayload blob). */
function payloadPart(bytes: string): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: 'PayloadPart' },
      ':message-type': { type: 'string', value: 'event' },
      ':content-type': { type: 'string', value: 'application/octet-stream' },
    },
    body: fromUtf8(bytes),
  });
}

function modelStreamError(message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': { type: 'string', value: 'ModelStreamError' },
      ':message-type': { type: 'string', value: 'exception' },
      ':content-type': { type: 'string', value: 'application/json' },
    },
    body: fromUtf8(JSON.stringify({ Message: message, ErrorCode: 'ModelError' })),
  });
}

/**
 * A local SageMaker runtime speaking the real protocol for the real SDK: `POST /endpoints/{name}/invocations`
 * and `/invocations-response-stream` (application/vnd.amazon.eventstream). `container: 'tgi'` expects TGI
 * bodies and streams TGI `data:` token events; `'lmi'` expects OpenAI chat bodies and streams chat chunks.
 * PayloadParts cut the `data:` lines at arbitrary points, as real endpoints do.
 */
export class FakeSageMakerServer {
  readonly calls: RecordedCall[] = [];
  options: FakeModelOptions;
  private server?: Server;
  private readonly open = new Set<ServerResponse>();

  constructor(
    readonly container: 'tgi' | 'lmi',
    options: FakeModelOptions = {},
  ) {
    this.options = options;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = req.url?.match(/^\/endpoints\/([^/]+)\/(invocations|invocations-response-stream)$/);
    if (req.method !== 'POST' || !match) {
      res
        .writeHead(404, { 'x-amzn-errortype': 'ValidationError', 'content-type': 'application/json' })
        .end(JSON.stringify({ message: 'unknown route' }));
      return;
    }
    const body = await readJson(req);
    this.calls.push({ path: req.url!, headers: req.headers, body });
    const streaming = match[2] === 'invocations-response-stream';
    const { behaviour = 'ok', style = 'good', firstTokenDelayMs = 0, tokenDelayMs = 0 } = this.options;
    this.open.add(res);
    res.once('close', () => this.open.delete(res));
    if (behaviour === 'hang') return;
    if (behaviour === 'error-500') {
      res
        .writeHead(500, { 'x-amzn-errortype': 'InternalFailure', 'content-type': 'application/json' })
        .end(JSON.stringify({ message: 'internal failure' }));
      return;
    }
    const prompt =
      this.container === 'tgi'
        ? String(body.inputs ?? '')
        : ((body.messages as { content: string }[] | undefined) ?? []).map((m) => m.content).join('\n');
    if (this.container === 'tgi' && !prompt.startsWith('<|begin_of_text|>')) {
      res
        .writeHead(424, { 'x-amzn-errortype': 'ModelError', 'content-type': 'application/json' })
        .end(JSON.stringify({ Message: 'prompt without the Llama-3 template', OriginalStatusCode: 422 }));
      return;
    }
    // The fake "reads" the user's turn (the system prompt only holds instructions and an example tag).
    const userTurn =
      this.container === 'tgi'
        ? (prompt.split('<|start_header_id|>user<|end_header_id|>').at(-1) ?? '')
        : ((body.messages as { role: string; content: string }[] | undefined) ?? [])
            .filter((m) => m.role === 'user')
            .map((m) => m.content)
            .join('\n');
    const text = fakeModelAnswer(userTurn, style);
    const tokens = toTokens(text);
    if (!streaming) {
      await sleep(firstTokenDelayMs);
      const answer =
        behaviour === 'malformed'
          ? '<html>not json</html>'
          : this.container === 'tgi'
            ? JSON.stringify([{ generated_text: text }])
            : JSON.stringify({
                id: 'cmpl',
                object: 'chat.completion',
                choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
                usage: { prompt_tokens: Math.ceil(prompt.length / 4), completion_tokens: tokens.length },
              });
      res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-invoked-production-variant': 'AllTraffic' }).end(answer);
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/vnd.amazon.eventstream',
      'x-amzn-sagemaker-content-type': 'text/event-stream',
      'x-amzn-invoked-production-variant': 'AllTraffic',
    });
    if (behaviour === 'hang-after-headers') return;
    await sleep(firstTokenDelayMs);
    if (behaviour === 'malformed') {
      res.end(payloadPart('data:{"token": nonsense\n\n'));
      return;
    }
    const lines: string[] = [];
    tokens.forEach((token, i) => {
      const last = i === tokens.length - 1;
      if (this.container === 'tgi') {
        lines.push(
          `data:${JSON.stringify({ index: i, token: { id: 1000 + i, text: token, logprob: -0.1, special: false }, generated_text: last ? text : null, details: last ? { finish_reason: 'eos_token', generated_tokens: tokens.length, seed: null } : null })}\n\n`,
        );
      } else {
        lines.push(
          `data: ${JSON.stringify({ id: 'chatcmpl', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: token }, finish_reason: last ? 'stop' : null }] })}\n\n`,
        );
      }
    });
    if (this.container === 'lmi')
      lines.push(
        `data: ${JSON.stringify({ id: 'chatcmpl', object: 'chat.completion.chunk', choices: [], usage: { prompt_tokens: Math.ceil(prompt.length / 4), completion_tokens: tokens.length } })}\n\n`,
        'data: [DONE]\n\n',
      );
    const sendUpTo = behaviour === 'truncated' ? Math.ceil(lines.length / 3) : lines.length;
    // Cut the byte stream at arbitrary offsets (every 37 characters) across PayloadParts.
    const joined = lines.slice(0, sendUpTo).join('');
    for (let offset = 0; offset < joined.length; offset += 37) {
      if (res.destroyed) return;
      res.write(payloadPart(joined.slice(offset, offset + 37)));
      if (tokenDelayMs) await sleep(tokenDelayMs);
    }
    if (behaviour === 'truncated') res.write(modelStreamError('the model worker died'));
    res.end();
  }
}
