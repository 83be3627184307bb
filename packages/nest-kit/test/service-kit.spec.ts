import { afterEach, describe, expect, it } from '@jest/globals';
import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Writable } from 'node:stream';
import request from 'supertest';
import { z } from 'zod';
import { AppError, configureApp, drainAndClose, MetricsServer, ServiceKitModule, ShutdownState, ZodValidationPipe } from '../src/index.js';

/** Shaped like pg's DatabaseError: the message and extra fields can quote what was sent. */
class DatabaseLikeError extends Error {}

const itemSchema = z.object({ name: z.string().min(1), quantity: z.number().int().min(1) }).strict();

@Controller('items')
class ItemsController {
  @Get(':id')
  get(@Param('id') id: string) {
    if (id === 'missing') throw new AppError('ITEM_NOT_FOUND', 'item missing was not found', 404);
    if (id === 'boom') throw new Error('secret internal detail');
    if (id === 'db')
      throw Object.assign(new DatabaseLikeError('invalid input: "PHI-MARKER-message"'), {
        code: '22P05',
        detail: 'PHI-MARKER-detail',
        where: 'JSON data, line 1: {"name":"PHI-MARKER-where',
        parameters: ['PHI-MARKER-param'],
      });
    return { id };
  }

  @Post()
  create(@Body(new ZodValidationPipe(itemSchema)) item: z.infer<typeof itemSchema>) {
    return item;
  }

  @Get('slow/:ms')
  async slow(@Param('ms') ms: string) {
    await new Promise((r) => setTimeout(r, Number(ms)));
    return { waited: Number(ms) };
  }
}

/** Collects the JSON log lines an app writes. */
class LogCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    for (const line of chunk.toString().split('\n').filter(Boolean)) this.lines.push(JSON.parse(line));
    done();
  }
}

async function bootApp(logs = new LogCapture()): Promise<{ app: NestExpressApplication; logs: LogCapture }> {
  @Module({
    imports: [ServiceKitModule.forRoot({ service: 'kit-test', logLevel: 'info', metricsPort: 0, logDestination: logs })],
    controllers: [ItemsController],
  })
  class TestModule {}
  const moduleRef = await Test.createTestingModule({ imports: [TestModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  return { app, logs };
}

const apps: NestExpressApplication[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close().catch(() => undefined);
});

// First in the file on purpose: nestjs-pino keeps one process-wide request logger, built by the
// first app that boots in a process (Jest gives each spec file its own module registry), so only
// the first app's log destination sees request lines. Production runs one app per process.
describe('logs', () => {
  // Request lines reach only the first app's destination, so the tests here share one capture.
  const processLogs = new LogCapture();

  it('writes JSON lines with the caller’s request id and never the body', async () => {
    const { app, logs } = await bootApp(processLogs);
    apps.push(app);
    const res = await request(app.getHttpServer())
      .post('/items?name=Jane')
      .set('x-request-id', 'req-abc-123')
      .send({ name: 'chest pain since Tuesday', quantity: 1 });
    expect(res.headers['x-request-id']).toBe('req-abc-123');
    // pino-http writes the line when the response has finished, which can be after the client has it
    const findLine = () => logs.lines.find((l) => (l.req as { id?: string } | undefined)?.id === 'req-abc-123');
    for (let i = 0; i < 50 && !findLine(); i++) await new Promise((r) => setTimeout(r, 20));
    const line = findLine();
    expect(line).toMatchObject({ service: 'kit-test', req: { method: 'POST', path: '/items' }, res: { statusCode: 201 } });
    const everything = JSON.stringify(logs.lines);
    expect(everything).not.toContain('chest pain');
    expect(everything).not.toContain('Jane');
  });

  it('logs an unhandled error by class, code, route and request id only, never its message or driver fields', async () => {
    const { app, logs } = await bootApp(processLogs);
    apps.push(app);
    const res = await request(app.getHttpServer()).get('/items/db').set('x-request-id', 'req-db-1');
    expect(res.status).toBe(500);
    const findLine = () => logs.lines.find((l) => l.msg === 'unhandled error' && l.requestId === 'req-db-1');
    for (let i = 0; i < 50 && !findLine(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(findLine()).toMatchObject({
      errorClass: 'DatabaseLikeError',
      errorCode: '22P05',
      method: 'GET',
      route: '/items/:id',
      requestId: 'req-db-1',
    });
    // wait for pino-http's own line about the request, then look at everything written
    for (let i = 0; i < 50 && !logs.lines.some((l) => (l.req as { id?: string } | undefined)?.id === 'req-db-1'); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(
      logs.lines.filter((l) => (l.req as { id?: string } | undefined)?.id === 'req-db-1' || l.requestId === 'req-db-1').length,
    ).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(logs.lines)).not.toContain('PHI-MARKER');
  });

  it('replaces a malformed incoming request id with a fresh one', async () => {
    const { app } = await bootApp();
    apps.push(app);
    const res = await request(app.getHttpServer()).get('/items/1').set('x-request-id', 'bad id\twith spaces');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('error bodies', () => {
  it('gives every failure the { error: { code, message, details? } } shape with the right status', async () => {
    const { app } = await bootApp();
    apps.push(app);
    const http = request(app.getHttpServer());

    const notFound = await http.get('/items/missing');
    expect(notFound.status).toBe(404);
    expect(notFound.body).toEqual({ error: { code: 'ITEM_NOT_FOUND', message: 'item missing was not found' } });

    const invalid = await http.post('/items').send({ name: '', quantity: 'two', extra: 1 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('VALIDATION_FAILED');
    expect(invalid.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['(body)', 'name', 'quantity']);

    const malformed = await http.post('/items').set('content-type', 'application/json').send('{"name": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('BAD_REQUEST');
    expect(malformed.body.error.message).toMatch(/JSON/);

    const tooLarge = await http.post('/items').send({ name: 'x'.repeat(2 * 1024 * 1024), quantity: 1 });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('PAYLOAD_TOO_LARGE');

    const unknownRoute = await http.get('/nowhere');
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.body.error.code).toBe('NOT_FOUND');

    const crash = await http.get('/items/boom');
    expect(crash.status).toBe(500);
    expect(crash.body).toEqual({ error: { code: 'INTERNAL', message: 'An unexpected error occurred' } }); // no internals leak
  });
});

describe('metrics', () => {
  it('keeps one registry per app instance, served on its own port, with route templates as labels', async () => {
    const first = await bootApp();
    const second = await bootApp();
    apps.push(first.app, second.app);
    await request(first.app.getHttpServer()).get('/items/42');
    await request(first.app.getHttpServer()).get('/items/43');

    const scrape = async (app: NestExpressApplication) => (await fetch(`http://127.0.0.1:${app.get(MetricsServer).port}/metrics`)).text();
    const firstMetrics = await scrape(first.app);
    const secondMetrics = await scrape(second.app);
    expect(firstMetrics).toContain(
      'http_request_duration_seconds_count{service="kit-test",route="/items/:id",method="GET",status="200"} 2',
    );
    expect(firstMetrics).not.toContain('/items/42'); // raw URLs never become labels
    expect(firstMetrics).toContain('process_resident_memory_bytes');
    expect(secondMetrics).not.toContain('route="/items/:id"');
    expect(first.app.get(MetricsServer).port).not.toBe(second.app.get(MetricsServer).port);
  });
});

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, marks the app draining, then stops listening', async () => {
    const { app } = await bootApp();
    const port = (app.getHttpServer().address() as { port: number }).port;
    const inFlight = fetch(`http://127.0.0.1:${port}/items/slow/400`);
    await new Promise((r) => setTimeout(r, 100));
    const state = app.get(ShutdownState);
    const closing = drainAndClose(app, 10_000);
    expect(state.isDraining).toBe(true);
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ waited: 400 });
    await closing;
    await expect(fetch(`http://127.0.0.1:${port}/items/1`)).rejects.toThrow();
  });
});
