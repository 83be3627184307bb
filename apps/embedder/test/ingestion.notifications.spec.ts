import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { simpleParser } from 'mailparser';
import { createServer, type Server } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { WebhookNotifier } from '../src/notifications/webhook/webhook.notifier.js';
import { generateCases, ingestUri, startEmbedder, type TestEmbedder, toCsv } from './ingestion-helpers.js';

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

// A finished job tells people: a webhook (a local HTTP server) and an e-mail through a real SMTP server (smtp-server).
describe('job notifications', () => {
  const mails: Mail[] = [];
  const hooks: Record<string, unknown>[] = [];
  let smtp: SMTPServer;
  let hookServer: Server;
  let embedder: TestEmbedder;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const smtpPort = (smtp.server.address() as { port: number }).port;
    hookServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        hooks.push({ path: req.url, contentType: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
    const hookPort = (hookServer.address() as { port: number }).port;
    embedder = await startEmbedder('pglite', {
      NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${hookPort}/hooks/ingestion`,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      NOTIFY_EMAIL_FROM: 'embedder@patientinsight.test',
      NOTIFY_EMAIL_TO: 'ops@patientinsight.test,data@patientinsight.test',
    });
  });
  afterAll(async () => {
    await embedder?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await new Promise<void>((resolve) => hookServer.close(() => resolve()));
  });

  it('e-mails and posts counts, durations, the drift verdict and the reasons of rejected rows', async () => {
    const rows = generateCases(50, { prefix: 'notify' });
    rows[3] = { ...rows[3]!, age: "[[300.0, 'year']]" };
    const path = join(embedder.dataDir, 'notify.csv');
    await writeFile(path, toCsv(rows));
    const job = await ingestUri(embedder.url, pathToFileURL(path).href);
    expect(job.state).toBe('succeeded');

    const until = Date.now() + 10_000;
    while ((mails.length === 0 || hooks.length === 0) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      path: '/hooks/ingestion',
      contentType: 'application/json',
      body: {
        event: 'ingestion.finished',
        jobId: job.id,
        state: 'succeeded',
        counters: { read: 50, accepted: 49, rejected: 1, duplicate: 0, indexed: 49 },
        drift: { verdict: 'no_reference' },
        rejections: [{ row: 4, caseId: 'notify-3', field: 'age', reason: 'column "age" (age): 300 years is outside 0-120' }],
      },
    });

    expect(mails).toHaveLength(1);
    expect(mails[0]!.from).toBe('embedder@patientinsight.test');
    expect(mails[0]!.to).toEqual(['ops@patientinsight.test', 'data@patientinsight.test']);
    const mail = await simpleParser(mails[0]!.raw);
    expect(mail.subject).toBe(`Ingestion ${job.id} succeeded: 49 accepted, 1 rejected, 0 duplicate of 50 read`);
    expect(mail.text).toContain('Rows read 50 = accepted 49 + rejected 1 + duplicate 0; indexed 49.');
    expect(mail.text).toContain('row 4 (notify-3): age — column "age" (age): 300 years is outside 0-120');
    expect(mail.text).toContain('Drift: no reference yet');
    expect(mail.headers.get('x-patientinsight-job')).toBe(job.id);
  });

  it('retries a webhook that answers 5xx, then reports the failure', async () => {
    let calls = 0;
    const flaky = createServer((_req, res) => {
      calls += 1;
      res.writeHead(calls < 3 ? 503 : 200).end();
    });
    await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(flaky.address() as { port: number }).port}/`;
    const notification = {
      jobId: 'j',
      state: 'succeeded' as const,
      source: 's',
      counters: { read: 0, accepted: 0, rejected: 0, duplicate: 0, indexed: 0 },
      stageDurationsMs: {},
      elapsedMs: 0,
      drift: null,
      rejections: [],
      error: null,
    };
    await new WebhookNotifier(url, { attempts: 3, backoffMs: 1 }).send(notification);
    expect(calls).toBe(3);
    calls = -10;
    await expect(new WebhookNotifier(url, { attempts: 2, backoffMs: 1 }).send(notification)).rejects.toThrow('webhook answered 503');
    await new Promise<void>((resolve) => flaky.close(() => resolve()));
  });
});
