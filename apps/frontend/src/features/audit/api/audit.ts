import { type AuditQuery, auditActionsSchema, auditPageSchema, auditVerificationSchema } from '@patientinsight/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

type Filters = Partial<Omit<AuditQuery, 'limit'>> & { limit?: number };

const toQuery = (filters: Filters) =>
  new URLSearchParams(Object.entries(filters).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]]))).toString();

export const auditQueryOptions = (filters: Filters) =>
  queryOptions({
    queryKey: ['audit', filters],
    queryFn: ({ signal }) => api(`/v1/audit?${toQuery(filters)}`, { schema: auditPageSchema, signal }),
  });
export const useAudit = (filters: Filters) => useQuery({ ...auditQueryOptions(filters), placeholderData: keepPreviousData });

export const useAuditVerification = (enabled: boolean) =>
  useQuery({
    queryKey: ['audit', 'verify'],
    queryFn: ({ signal }) => api('/v1/audit/verify', { schema: auditVerificationSchema, signal }),
    enabled,
  });

/** The actions on record, for the action picklist (fetched once per visit). */
export const useAuditActions = () =>
  useQuery({
    queryKey: ['audit', 'actions'],
    queryFn: ({ signal }) => api('/v1/audit/actions', { schema: auditActionsSchema, signal }),
    staleTime: 5 * 60_000,
  });
