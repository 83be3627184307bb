import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local fake of Pinecone's data-plane REST API (the subset the store uses: upsert, query, delete by
 * ids or by metadata filter, describe_index_stats, namespaces), for contract tests through the real SDK.
 * It scores like a dotproduct sparse-dense index, evaluates metadata filters ($eq, $ne, $gt, $gte, $lt,
 * $lte, $in, $nin, $exists, $and, $or), and enforces the documented limits (1000 vectors and 2 MB per
 * upsert, 1000 ids per delete, 40 KB metadata per record) with the 400 Pinecone answers, so a client
 * that oversteps them fails here as it would there.
 */
export interface FakeRecord {
  id: string;
  values: number[];
  sparseValues?: { indices: number[]; values: number[] };
  metadata?: Record<string, unknown>;
}

export interface FakePinecone {
  url: string;
  apiKey: string;
  namespaces: Map<string, Map<string, FakeRecord>>;
  upserts: { namespace: string; count: number; bytes: number }[];
  queries: Record<string, unknown>[];
  deletes: { namespace: string; ids?: number; filter?: Record<string, unknown>; deleted: number }[];
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

export const PINECONE_MAX_VECTORS = 1000;
export const PINECONE_MAX_BYTES = 2 * 1024 * 1024;
export const PINECONE_MAX_METADATA_BYTES = 40 * 1024;
export const PINECONE_MAX_DELETE_IDS = 1000;

type Condition = Record<string, unknown>;

export function matchesFilter(metadata: Record<string, unknown> | undefined, filter: Condition | undefined): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([key, cond]) => {
    if (key === '$and') return (cond as Condition[]).every((c) => matchesFilter(metadata, c));
    if (key === '$or') return (cond as Condition[]).some((c) => matchesFilter(metadata, c));
    const value = metadata?.[key];
    const ops = typeof cond === 'object' && cond !== null && !Array.isArray(cond) ? (cond as Condition) : { $eq: cond };
    return Object.entries(ops).every(([op, arg]) => {
      if (op === '$exists') return (value !== undefined) === arg;
      if (value === undefined) return op === '$ne' || op === '$nin';
      switch (op) {
        case '$eq':
          return value === arg;
        case '$ne':
          return value !== arg;
        case '$gt':
          return (value as number) > (arg as number);
        case '$gte':
          return (value as number) >= (arg as number);
        case '$lt':
          return (value as number) < (arg as number);
        case '$lte':
          return (value as number) <= (arg as number);
        case '$in':
          return (arg as unknown[]).includes(value);
        case '$nin':
          return !(arg as unknown[]).includes(value);
        default:
          throw new Error(`unsupported filter operator ${op}`);
      }
    });
  });
}

export async function startFakePinecone(apiKey = 'pc-test-key'): Promise<FakePinecone> {
  const namespaces = new Map<string, Map<string, FakeRecord>>();
  const upserts: FakePinecone['upserts'] = [];
  const queries: FakePinecone['queries'] = [];
  const deletes: FakePinecone['deletes'] = [];
  let failing = 0;
  let failStatus = 500;
  const reply = (res: import('node:http').ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    if (req.headers['api-key'] !== apiKey) return reply(res, 401, { error: { code: 'UNAUTHENTICATED', message: 'Invalid API Key' } });
    if (failing > 0) {
      failing--;
      return reply(res, failStatus, { error: { code: 'INTERNAL', message: 'fake outage' } });
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const body = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
    const ns = (name: unknown) => {
      const key = typeof name === 'string' && name !== '' ? name : '__default__';
      const existing = namespaces.get(key);
      if (existing) return existing;
      const created = new Map<string, FakeRecord>();
      namespaces.set(key, created);
      return created;
    };
    if (req.method === 'POST' && url.pathname === '/vectors/upsert') {
      const vectors = body.vectors as FakeRecord[];
      if (raw.length > PINECONE_MAX_BYTES)
        return reply(res, 400, {
          error: {
            code: 'INVALID_ARGUMENT',
            message: `Request size ${raw.length} exceeds the maximum supported size of ${PINECONE_MAX_BYTES} bytes`,
          },
        });
      if (vectors.length > PINECONE_MAX_VECTORS)
        return reply(res, 400, {
          error: { code: 'INVALID_ARGUMENT', message: `Upsert batch size ${vectors.length} exceeds the limit of ${PINECONE_MAX_VECTORS}` },
        });
      for (const v of vectors) {
        const size = Buffer.byteLength(JSON.stringify(v.metadata ?? {}));
        if (size > PINECONE_MAX_METADATA_BYTES)
          return reply(res, 400, {
            error: {
              code: 'INVALID_ARGUMENT',
              message: `Metadata size is ${size} bytes, which exceeds the limit of ${PINECONE_MAX_METADATA_BYTES} bytes per vector`,
            },
          });
      }
      const target = ns(body.namespace);
      for (const v of vectors) target.set(v.id, v);
      upserts.push({ namespace: String(body.namespace), count: vectors.length, bytes: raw.length });
      return reply(res, 200, { upsertedCount: vectors.length });
    }
    if (req.method === 'POST' && url.pathname === '/query') {
      queries.push(body);
      const records = namespaces.get(String(body.namespace)) ?? new Map<string, FakeRecord>();
      const dense = (body.vector as number[] | undefined) ?? [];
      const sparse = body.sparseVector as { indices: number[]; values: number[] } | undefined;
      const scored = [...records.values()]
        .filter((r) => matchesFilter(r.metadata, body.filter as Condition | undefined))
        .map((r) => {
          let score = 0;
          for (let i = 0; i < dense.length; i++) score += dense[i]! * (r.values[i] ?? 0);
          if (sparse && r.sparseValues) {
            const weights = new Map(r.sparseValues.indices.map((t, i) => [t, r.sparseValues!.values[i]!]));
            sparse.indices.forEach((t, i) => {
              score += sparse.values[i]! * (weights.get(t) ?? 0);
            });
          }
          return { r, score };
        })
        .sort((a, b) => b.score - a.score)
        .slice(0, Number(body.topK));
      return reply(res, 200, {
        matches: scored.map(({ r, score }) => ({
          id: r.id,
          score,
          ...(body.includeValues ? { values: r.values, ...(r.sparseValues ? { sparseValues: r.sparseValues } : {}) } : {}),
          ...(body.includeMetadata && r.metadata ? { metadata: r.metadata } : {}),
        })),
        namespace: body.namespace,
        usage: { readUnits: 5 },
      });
    }
    if (req.method === 'POST' && url.pathname === '/vectors/delete') {
      const ids = body.ids as string[] | undefined;
      const filter = body.filter as Condition | undefined;
      if ((ids ? 1 : 0) + (filter ? 1 : 0) + (body.deleteAll ? 1 : 0) !== 1)
        return reply(res, 400, { error: { code: 'INVALID_ARGUMENT', message: 'Exactly one of ids, filter or deleteAll must be given' } });
      if (ids && ids.length > PINECONE_MAX_DELETE_IDS)
        return reply(res, 400, {
          error: {
            code: 'INVALID_ARGUMENT',
            message: `Delete request has ${ids.length} ids, more than the limit of ${PINECONE_MAX_DELETE_IDS}`,
          },
        });
      const target = namespaces.get(String(body.namespace)) ?? new Map<string, FakeRecord>();
      const doomed = ids ?? [...target.values()].filter((r) => body.deleteAll || matchesFilter(r.metadata, filter)).map((r) => r.id);
      let deleted = 0;
      for (const id of doomed) if (target.delete(id)) deleted++;
      deletes.push({ namespace: String(body.namespace), ...(ids ? { ids: ids.length } : {}), ...(filter ? { filter } : {}), deleted });
      return reply(res, 200, {});
    }
    if (req.method === 'POST' && url.pathname === '/describe_index_stats') {
      const stats = Object.fromEntries([...namespaces].map(([name, m]) => [name, { vectorCount: m.size }]));
      return reply(res, 200, {
        namespaces: stats,
        dimension: 0,
        indexFullness: 0,
        totalVectorCount: [...namespaces.values()].reduce((s, m) => s + m.size, 0),
      });
    }
    const nsMatch = /^\/namespaces\/(.+)$/.exec(url.pathname);
    if (req.method === 'DELETE' && nsMatch) {
      const name = decodeURIComponent(nsMatch[1]!);
      if (!namespaces.delete(name)) return reply(res, 404, { error: { code: 'NOT_FOUND', message: `Namespace ${name} not found` } });
      return reply(res, 200, {});
    }
    return reply(res, 404, { error: { code: 'NOT_FOUND', message: `no route ${req.method} ${url.pathname}` } });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    apiKey,
    namespaces,
    upserts,
    queries,
    deletes,
    failNext: (count, status = 500) => {
      failing = count;
      failStatus = status;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
