import { encounterDetailSchema, encounterListSchema, patientViewSchema } from '@patientinsight/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';

export const encountersQueryOptions = () =>
  queryOptions({ queryKey: ['encounters'], queryFn: ({ signal }) => api('/v1/encounters', { schema: encounterListSchema, signal }) });
export const useEncounters = () => useQuery(encountersQueryOptions());

export const encounterQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['encounters', id],
    queryFn: ({ signal }) => api(`/v1/encounters/${id}`, { schema: encounterDetailSchema, signal }),
  });
type EncounterData = z.output<typeof encounterDetailSchema>;
/** `refetchInterval` may depend on what was loaded (e.g. poll until the report is there). */
export const useEncounter = (
  id: string,
  options: { refetchInterval?: number | false | ((data: EncounterData | undefined) => number | false) } = {},
) => {
  const interval = options.refetchInterval;
  return useQuery({
    ...encounterQueryOptions(id),
    refetchInterval: typeof interval === 'function' ? (query) => interval(query.state.data) : interval,
  });
};

export function useCreateEncounter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api('/v1/encounters', { method: 'POST', schema: encounterDetailSchema }),
    onSuccess: (created) => {
      queryClient.setQueryData(encounterQueryOptions(created.id).queryKey, created);
      void queryClient.invalidateQueries({ queryKey: encountersQueryOptions().queryKey, exact: true });
    },
  });
}

export function useSubmitEncounter(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api(`/v1/encounters/${id}/submit`, { method: 'POST', schema: encounterDetailSchema }),
    onSuccess: (updated) => {
      queryClient.setQueryData(encounterQueryOptions(id).queryKey, updated);
      void queryClient.invalidateQueries({ queryKey: encountersQueryOptions().queryKey, exact: true });
    },
  });
}

/** What the patient reads once released (the clinician report never comes to the patient). */
export const patientViewQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['encounters', id, 'patient-view'],
    queryFn: ({ signal }) => api(`/v1/encounters/${id}/patient-view`, { schema: patientViewSchema, signal }),
  });
export const usePatientView = (id: string, enabled = true) => useQuery({ ...patientViewQueryOptions(id), enabled });
