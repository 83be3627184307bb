import { type PatientProfile, profileResponseSchema } from '@patientinsight/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../../lib/api-client';

/** The profile, or null before the first save (the backend answers 404 PROFILE_NOT_FOUND). */
export async function getProfile(signal?: AbortSignal) {
  try {
    return await api('/v1/profile', { schema: profileResponseSchema, signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export const profileQueryOptions = () => queryOptions({ queryKey: ['profile'], queryFn: ({ signal }) => getProfile(signal) });
export const useProfile = () => useQuery(profileQueryOptions());

export function useSaveProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (profile: PatientProfile) => api('/v1/profile', { method: 'PUT', body: profile, schema: profileResponseSchema }),
    onSuccess: (saved) => queryClient.setQueryData(profileQueryOptions().queryKey, saved),
  });
}
