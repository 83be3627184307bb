import { type CaseRecord, type SearchResponse, searchRequestSchema, toFieldIssues } from '@patientinsight/shared';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentWords } from '../../src/reports/summary-text.ts';

/** A few PMC-Patients-style cases (paraphrased, not real patients) for unit tests and the benchmark. */
export const FIXTURE_CASES: CaseRecord[] = [
  {
    caseId: '7651234-1',
    pmid: '31234567',
    title: 'Exertional chest pain in a middle-aged woman with coronary artery spasm',
    age: 52,
    sex: 'F',
    text: 'A 52-year-old woman presented with chest pain on exertion radiating to the left arm. Electrocardiography showed ST depression during exercise. Coronary angiography revealed vasospasm without fixed stenosis. She was treated with calcium channel blockers and her symptoms resolved.',
    corpusVersion: 'fixture-1',
  },
  {
    caseId: '7651234-2',
    pmid: '31234567',
    title: 'Exertional chest pain in a middle-aged woman with coronary artery spasm',
    age: 58,
    sex: 'M',
    text: 'A 58-year-old man reported squeezing chest pain when climbing stairs for two weeks. Troponin was normal. Stress echocardiography demonstrated inducible ischemia and he underwent percutaneous coronary intervention.',
    corpusVersion: 'fixture-1',
  },
  {
    caseId: '6543210-1',
    pmid: '29876543',
    title: 'Pericarditis presenting as pleuritic chest pain',
    age: 44,
    sex: 'F',
    text: 'A 44-year-old woman had sharp chest pain worse on lying flat and relieved by sitting forward, after a viral illness. ECG showed diffuse ST elevation. Echocardiography revealed a small pericardial effusion. She was managed with colchicine and ibuprofen.',
    corpusVersion: 'fixture-1',
  },
  {
    caseId: '5432109-1',
    pmid: '28765432',
    title: 'Costochondritis mimicking cardiac chest pain',
    age: 49,
    sex: 'F',
    text: 'A 49-year-old woman described chest wall pain reproduced by palpation over the costal cartilages. Cardiac work-up including ECG and troponin was normal. She improved with rest and anti-inflammatory drugs.',
    corpusVersion: 'fixture-1',
  },
  {
    caseId: '4321098-1',
    pmid: '27654321',
    title: 'Gastro-oesophageal reflux presenting with retrosternal burning',
    age: 55,
    sex: 'M',
    text: 'A 55-year-old man presented with retrosternal burning pain after meals, worse when lying down. Endoscopy showed erosive oesophagitis. Symptoms resolved with proton pump inhibitors.',
    corpusVersion: 'fixture-1',
  },
  {
    caseId: '3210987-1',
    pmid: '26543210',
    title: 'Migraine with aura in a young woman',
    age: 27,
    sex: 'F',
    text: 'A 27-year-old woman had recurrent throbbing unilateral headaches preceded by visual aura. MRI of the brain was normal. She was treated with triptans and prophylactic propranolol.',
    corpusVersion: 'fixture-1',
  },
  {
    caseId: '2109876-1',
    pmid: '25432109',
    title: 'Lumbar disc herniation after lifting',
    age: 38,
    sex: 'M',
    text: 'A 38-year-old man developed low back pain radiating to the left leg after lifting a heavy box. MRI revealed L5-S1 disc herniation. He was managed conservatively with physiotherapy.',
    corpusVersion: 'fixture-1',
  },
  {
    caseId: '1098765-1',
    pmid: null,
    title: 'Panic disorder with chest tightness',
    age: 33,
    sex: 'F',
    text: 'A 33-year-old woman experienced episodes of chest tightness, palpitations and fear. Cardiac evaluation including ECG and Holter monitoring was normal. She improved with cognitive behavioural therapy.',
    corpusVersion: 'fixture-1',
  },
];

export interface FakeEmbedderOptions {
  serviceToken: string;
  cases?: CaseRecord[];
  corpusVersion?: string;
  /** Fixed extra latency per search (benchmarks). */
  searchDelayMs?: number;
}

/**
 * A local stand-in for the embedder's internal API, speaking the shared contract (`POST /v1/search`,
 * `GET /v1/cases/:id`, `/readyz`, service-token auth, `{error:{code,message,details}}` bodies), with a
 * small word-overlap ranking. The real embedder is used in the end-to-end test.
 */
export class FakeEmbedderServer {
  readonly searches: unknown[] = [];
  private server?: Server;
  private readonly cases: CaseRecord[];
  // A plain field, not a parameter property: eval/ and bench/ run this file under Node's type stripping.
  private readonly options: FakeEmbedderOptions;

  constructor(options: FakeEmbedderOptions) {
    this.options = options;
    this.cases = options.cases ?? FIXTURE_CASES;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.url === '/readyz') return this.send(res, 200, { status: 'ok' });
    if (req.headers.authorization !== `Bearer ${this.options.serviceToken}`)
      return this.send(res, 401, { error: { code: 'UNAUTHENTICATED', message: 'service token required' } });
    const caseMatch = req.url?.match(/^\/v1\/cases\/([^/?]+)$/);
    if (req.method === 'GET' && caseMatch) {
      const found = this.cases.find((c) => c.caseId === decodeURIComponent(caseMatch[1]!));
      return found ? this.send(res, 200, found) : this.send(res, 404, { error: { code: 'CASE_NOT_FOUND', message: 'no such case' } });
    }
    if (req.method !== 'POST' || req.url !== '/v1/search')
      return this.send(res, 404, { error: { code: 'NOT_FOUND', message: 'no route' } });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let json: unknown;
    try {
      json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return this.send(res, 400, { error: { code: 'MALFORMED_JSON', message: 'The request body is not valid JSON' } });
    }
    const parsed = searchRequestSchema.safeParse(json);
    if (!parsed.success)
      return this.send(res, 400, { error: { code: 'VALIDATION_FAILED', message: 'invalid search', details: toFieldIssues(parsed.error) } });
    this.searches.push(parsed.data);
    if (this.options.searchDelayMs) await new Promise((r) => setTimeout(r, this.options.searchDelayMs));
    const started = performance.now();
    const { query, topK, filters } = parsed.data;
    const queryWords = new Set(contentWords(query));
    const results = this.cases
      .filter(
        (c) =>
          (filters?.ageMin === undefined || (c.age ?? -1) >= filters.ageMin) &&
          (filters?.ageMax === undefined || (c.age ?? 999) <= filters.ageMax) &&
          (!filters?.sex || c.sex === filters.sex),
      )
      .map((c) => {
        const words = contentWords(`${c.title} ${c.text}`);
        const overlap = words.filter((w) => queryWords.has(w)).length;
        return { c, score: overlap / Math.sqrt(words.length + 1) };
      })
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, topK)
      .map(({ c, score }, i) => ({
        caseId: c.caseId,
        pmid: c.pmid,
        title: c.title,
        age: c.age,
        sex: c.sex,
        snippet: c.text.slice(0, 600),
        score,
        scores: { lexical: score, fused: score },
        rank: i + 1,
      }));
    const body: SearchResponse = { results, tookMs: performance.now() - started, corpusVersion: this.options.corpusVersion ?? 'fixture-1' };
    this.send(res, 200, body);
  }
}
