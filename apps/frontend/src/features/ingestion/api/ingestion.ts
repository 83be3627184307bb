import {
  type CreateIngestionRequest,
  createIngestionResponseSchema,
  type IngestionJob,
  ingestionJobSchema,
  ingestionListSchema,
  ingestionReportSchema,
  rejectionPageSchema,
  TERMINAL_INGESTION_STATES,
} from '@patientinsight/shared';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, apiUrl, rawRequest, tokenStore } from '../../../lib/api-client';

/**
 * The operator's view of the embedder's ingestion API. The browser never talks to the embedder
 * (internal, service token): the backend relays these admin-only routes under /v1/admin/ingestions.
 */
const BASE = '/v1/admin/ingestions';

export const ingestionsQueryOptions = () =>
  queryOptions({ queryKey: ['ingestions'], queryFn: ({ signal }) => api(`${BASE}?limit=20`, { schema: ingestionListSchema, signal }) });
export const useIngestions = () => useQuery({ ...ingestionsQueryOptions(), refetchInterval: 5000 });

/** The job will not change by itself any more. */
export const isFinal = (job: Pick<IngestionJob, 'state'>) => TERMINAL_INGESTION_STATES.includes(job.state);
/** Reading and checks are over: final, or held for an operator's decision (which another operator may take). */
export const isSettled = (job: Pick<IngestionJob, 'state'>) => isFinal(job) || job.state === 'awaiting_approval';

export const ingestionQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['ingestions', id], queryFn: ({ signal }) => api(`${BASE}/${id}`, { schema: ingestionJobSchema, signal }) });
/**
 * Polls in every state that can still change: once a second while it runs, every 3 s while it waits
 * for a decision (another operator may approve, reject or cancel it), not at all once final.
 */
export const useIngestion = (id: string) =>
  useQuery({
    ...ingestionQueryOptions(id),
    refetchInterval: (query) => {
      const job = query.state.data;
      if (job && isFinal(job)) return false;
      return job?.state === 'awaiting_approval' ? 3000 : 1000;
    },
  });

/** The last index build's duration, from the recent jobs (a reference, not a promise). */
export const useRecentIngestions = (enabled: boolean) => useQuery({ ...ingestionsQueryOptions(), enabled });

export const ingestionReportQueryOptions = (id: string, state?: IngestionJob['state']) =>
  queryOptions({
    queryKey: ['ingestions', id, 'report', ...(state ? [state] : [])],
    queryFn: ({ signal }) => api(`${BASE}/${id}/report`, { schema: ingestionReportSchema, signal }),
  });
/** Keyed by the job's state, so a decision taken elsewhere (approve, reject) brings the report up to date. */
export const useIngestionReport = (id: string, state: IngestionJob['state'] | undefined, enabled: boolean) =>
  useQuery({ ...ingestionReportQueryOptions(id, state), enabled });

export const REJECTIONS_PAGE_SIZE = 20;
/**
 * `stamp` is what the counters said (rows not added, and the state): a page fetched while the job
 * ran is never shown as the answer once more rows have been refused.
 */
export const rejectionsQueryOptions = (id: string, after: number, outcome: 'rejected' | 'duplicate' | 'all', stamp = '') =>
  queryOptions({
    queryKey: ['ingestions', id, 'rejections', outcome, after, stamp],
    queryFn: ({ signal }) =>
      api(`${BASE}/${id}/rejections?outcome=${outcome}&after=${after}&limit=${REJECTIONS_PAGE_SIZE}`, {
        schema: rejectionPageSchema,
        signal,
      }),
  });
export const useRejections = (id: string, after: number, outcome: 'rejected' | 'duplicate' | 'all', refetch: boolean, stamp = '') =>
  useQuery({
    ...rejectionsQueryOptions(id, after, outcome, stamp),
    placeholderData: keepPreviousData,
    refetchInterval: refetch ? 2000 : false,
  });

export const startFromUri = (body: CreateIngestionRequest) => api(BASE, { method: 'POST', body, schema: createIngestionResponseSchema });

export interface UploadProgress {
  loaded: number;
  total: number;
  startedAt: number;
}

/**
 * Uploads a case file as multipart. XMLHttpRequest rather than fetch because only it reports
 * upload progress, which the operator sees as a bar with MB/s and the time left.
 */
export function uploadCaseFile(
  file: File,
  fields: { format?: string; textColumn?: string },
  onProgress: (p: UploadProgress) => void,
  signal?: AbortSignal,
) {
  return new Promise<{ id: string }>((resolve, reject) => {
    const form = new FormData();
    if (fields.format) form.append('format', fields.format);
    if (fields.textColumn) form.append('columnMapping', JSON.stringify({ text: fields.textColumn }));
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    const startedAt = performance.now();
    xhr.open('POST', apiUrl(BASE));
    xhr.withCredentials = true;
    const token = tokenStore.get();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size, startedAt });
    xhr.onerror = () => reject(new ApiError('The upload was interrupted. Check your connection and try again.', 0, 'NETWORK_ERROR'));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        const parsed = createIngestionResponseSchema.safeParse(body);
        if (parsed.success) resolve(parsed.data);
        else reject(new ApiError('The server accepted the file but its answer was not understood.', xhr.status, 'CONTRACT'));
        return;
      }
      const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
      reject(new ApiError(error?.message ?? `Upload refused (${xhr.status})`, xhr.status, error?.code ?? 'HTTP_ERROR', error?.details));
    };
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

export function useDecision(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ decision, note }: { decision: 'approve' | 'reject'; note?: string }) =>
      api(`${BASE}/${id}/${decision}`, { method: 'POST', body: note ? { note } : {}, schema: ingestionJobSchema }),
    onSuccess: (job) => {
      queryClient.setQueryData(ingestionQueryOptions(id).queryKey, job);
      void queryClient.invalidateQueries({ queryKey: ingestionReportQueryOptions(id).queryKey });
    },
  });
}

export function useCancelIngestion(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api(`${BASE}/${id}/cancel`, { method: 'POST', schema: ingestionJobSchema }),
    onSuccess: (job) => queryClient.setQueryData(ingestionQueryOptions(id).queryKey, job),
  });
}

/** All rejected rows as CSV (the embedder's own export), saved as a file. */
export async function downloadRejectionsCsv(id: string): Promise<void> {
  const res = await rawRequest(`${BASE}/${id}/rejections?format=csv&limit=1000&outcome=all`);
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `ingestion-${id}-rejections.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
