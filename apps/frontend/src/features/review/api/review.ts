import {
  type AcknowledgeRequest,
  dashboardSchema,
  type DoctorNotesRequest,
  encounterDetailSchema,
  encounterHistorySchema,
  type FeedbackRequest,
  feedbackListSchema,
  feedbackSchema,
  patientViewSchema,
  type PrescriptionRequest,
  type RegenerateReportRequest,
  reportStoredSchema,
  type ReturnRequest,
  reviewQueueSchema,
  type SharedCasesRequest,
} from '@patientinsight/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const dashboardQueryOptions = () =>
  queryOptions({
    queryKey: ['review', 'dashboard'],
    queryFn: ({ signal }) => api('/v1/review/dashboard', { schema: dashboardSchema, signal }),
  });
// Red flags enter the queue at once; the doctors' screens check every few seconds so they see them within 5 s.
export const useDashboard = () => useQuery({ ...dashboardQueryOptions(), refetchInterval: 3000 });

export const queueQueryOptions = (status: 'submitted' | 'in_review', mine: boolean) =>
  queryOptions({
    queryKey: ['review', 'queue', status, mine],
    queryFn: ({ signal }) => api(`/v1/review/queue?status=${status}&mine=${mine}`, { schema: reviewQueueSchema, signal }),
  });
export const useQueue = (status: 'submitted' | 'in_review', mine = false) =>
  useQuery({ ...queueQueryOptions(status, mine), refetchInterval: mine ? 15_000 : 3000 });

export const historyQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['encounters', id, 'history'],
    queryFn: ({ signal }) => api(`/v1/encounters/${id}/history`, { schema: encounterHistorySchema, signal }),
  });

export const feedbackQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['encounters', id, 'feedback'],
    queryFn: ({ signal }) => api(`/v1/encounters/${id}/feedback`, { schema: feedbackListSchema, signal }),
  });
export const useFeedback = (id: string) => useQuery(feedbackQueryOptions(id));

type Action =
  | { kind: 'claim' }
  | { kind: 'unclaim' }
  | { kind: 'notes'; body: DoctorNotesRequest }
  | { kind: 'prescription'; body: PrescriptionRequest }
  | { kind: 'release' }
  | { kind: 'return'; body: ReturnRequest }
  | { kind: 'acknowledge'; body: AcknowledgeRequest }
  | { kind: 'share'; body: SharedCasesRequest };

const request = (id: string, action: Action) => {
  switch (action.kind) {
    case 'notes':
      return api(`/v1/encounters/${id}/notes`, { method: 'PUT', body: action.body, schema: encounterDetailSchema });
    case 'prescription':
      return api(`/v1/encounters/${id}/prescription`, { method: 'PUT', body: action.body, schema: encounterDetailSchema });
    case 'return':
      return api(`/v1/encounters/${id}/return`, { method: 'POST', body: action.body, schema: encounterDetailSchema });
    case 'share':
      return api(`/v1/encounters/${id}/shared-cases`, { method: 'PUT', body: action.body, schema: encounterDetailSchema });
    case 'acknowledge':
      return api(`/v1/encounters/${id}/acknowledge`, { method: 'POST', body: action.body, schema: encounterDetailSchema });
    default:
      return api(`/v1/encounters/${id}/${action.kind}`, { method: 'POST', schema: encounterDetailSchema });
  }
};

/** Every review step answers the updated encounter; it replaces the cache and refreshes the queue. */
export function useReviewAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: Action) => request(id, action),
    onSuccess: (updated) => {
      queryClient.setQueryData(['encounters', id], updated);
      void queryClient.invalidateQueries({ queryKey: ['review'] });
      void queryClient.invalidateQueries({ queryKey: historyQueryOptions(id).queryKey });
    },
  });
}

export function useSendFeedback(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FeedbackRequest) => api(`/v1/encounters/${id}/feedback`, { method: 'PUT', body, schema: feedbackSchema }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: feedbackQueryOptions(id).queryKey });
      // "Not useful" also hides the case from the patient: the encounter's share state changed.
      void queryClient.invalidateQueries({ queryKey: ['encounters', id], exact: true });
    },
  });
}

/** Exactly what the patient would see if released now (the same shape as their page). */
export const fetchPatientPreview = (id: string) => api(`/v1/encounters/${id}/patient-preview`, { schema: patientViewSchema });

/** The doctor asks for a new report (it failed, or on request); the encounter is fetched again afterwards. */
export function useRegenerateReport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RegenerateReportRequest) =>
      api(`/v1/encounters/${id}/report/regenerate`, { method: 'POST', body, schema: reportStoredSchema }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['encounters', id] });
    },
  });
}
