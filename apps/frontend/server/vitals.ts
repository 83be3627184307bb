import type { IncomingMessage, ServerResponse } from 'node:http';
import { toFieldIssues } from '@patientinsight/shared';
import { Histogram, type Registry } from 'prom-client';
import { z } from 'zod';

/** One Web Vitals measurement as the browser sends it (web-vitals' Metric, trimmed). */
export const vitalSchema = z
  .object({
    name: z.enum(['LCP', 'INP', 'CLS'], { message: 'must be one of LCP, INP, CLS' }),
    value: z
      .number({ message: 'must be a number' })
      .finite('must be finite')
      .min(0, 'must be 0 or more')
      .max(600_000, 'is implausibly large'),
    rating: z.enum(['good', 'needs-improvement', 'poor']).optional(),
    id: z.string().max(100).optional(),
    route: z.string().max(300).optional(),
  })
  .strip();

const MAX_BODY_BYTES = 4096;
/** Label values are a closed set so a crafted path cannot blow up the series count. */
const AREAS = new Set(['patient', 'doctor', 'admin', 'login', 'register', 'account']);
const areaOf = (route: string | undefined) => {
  const first = (route ?? '/').split('/')[1] ?? '';
  return first === '' ? 'home' : AREAS.has(first) ? first : 'other';
};

function sendError(res: ServerResponse, status: number, code: string, message: string, details?: unknown) {
  res
    .writeHead(status, { 'content-type': 'application/json' })
    .end(JSON.stringify({ error: { code, message, ...(details ? { details } : {}) } }));
}

/**
 * `POST /vitals`: the browser's LCP, INP and CLS (sent with sendBeacon) become Prometheus
 * histograms on the metrics port, labelled by app area and the browser's own rating.
 */
export function createVitalsHandler(registry: Registry) {
  const labelNames = ['area', 'rating'] as const;
  const histograms = {
    LCP: new Histogram({
      name: 'web_vitals_lcp_seconds',
      help: 'Largest Contentful Paint reported by browsers',
      labelNames,
      buckets: [0.5, 1, 1.5, 2, 2.5, 3, 4, 6, 10],
      registers: [registry],
    }),
    INP: new Histogram({
      name: 'web_vitals_inp_seconds',
      help: 'Interaction to Next Paint reported by browsers',
      labelNames,
      buckets: [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2],
      registers: [registry],
    }),
    CLS: new Histogram({
      name: 'web_vitals_cls',
      help: 'Cumulative Layout Shift reported by browsers (unitless)',
      labelNames,
      buckets: [0.01, 0.05, 0.1, 0.15, 0.25, 0.5, 1],
      registers: [registry],
    }),
  };

  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendError(res, 405, 'METHOD_NOT_ALLOWED', 'Use POST to send Web Vitals.');
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim();
    // sendBeacon with a string body sends text/plain; with a JSON Blob, application/json.
    if (type !== 'application/json' && type !== 'text/plain')
      return sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the measurement as application/json.');
    const chunks: Buffer[] = [];
    let size = 0;
    let aborted = false;
    req.on('data', (chunk: Buffer) => {
      if (aborted) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        aborted = true;
        res.setHeader('connection', 'close');
        sendError(res, 413, 'PAYLOAD_TOO_LARGE', `A measurement must be at most ${MAX_BODY_BYTES} bytes.`);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (aborted) return;
      let json: unknown;
      try {
        json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return sendError(res, 400, 'INVALID_JSON', 'The body is not valid JSON.', [{ field: '(body)', reason: 'must be a JSON object' }]);
      }
      const parsed = vitalSchema.safeParse(json);
      if (!parsed.success) return sendError(res, 400, 'VALIDATION_FAILED', 'The measurement is not valid.', toFieldIssues(parsed.error));
      const { name, value, rating, route } = parsed.data;
      histograms[name].observe({ area: areaOf(route), rating: rating ?? 'unknown' }, name === 'CLS' ? value : value / 1000);
      res.writeHead(204).end();
    });
  };
}
