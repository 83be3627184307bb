import { type IntakeMessageRequest, type IntakeState, intakeStateSchema, intakeTurnSchema } from '@patientinsight/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const getIntake = (encounterId: string, signal?: AbortSignal) =>
  api(`/v1/encounters/${encounterId}/intake`, { schema: intakeStateSchema, signal });

export const intakeQueryOptions = (encounterId: string) =>
  queryOptions({ queryKey: ['encounters', encounterId, 'intake'], queryFn: ({ signal }) => getIntake(encounterId, signal) });

export const useIntake = (encounterId: string) => useQuery(intakeQueryOptions(encounterId));

export const sendIntakeMessage = (encounterId: string, body: IntakeMessageRequest) =>
  api(`/v1/encounters/${encounterId}/messages`, { method: 'POST', body, schema: intakeTurnSchema });

/** Sends one answer; the turn's new state replaces the cached intake (no refetch needed). */
export function useSendIntakeMessage(encounterId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IntakeMessageRequest) => sendIntakeMessage(encounterId, body),
    onSuccess: (state: IntakeState) => {
      queryClient.setQueryData(intakeQueryOptions(encounterId).queryKey, state);
      void queryClient.invalidateQueries({ queryKey: ['encounters', encounterId], exact: true });
    },
  });
}
