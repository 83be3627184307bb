import {
  type AdminPasswordReset,
  type CreateUserRequest,
  type UpdateUserRequest,
  userListSchema,
  userSchema,
} from '@patientinsight/shared';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const usersQueryOptions = (role: string, offset: number) =>
  queryOptions({
    queryKey: ['users', role, offset],
    queryFn: ({ signal }) => api(`/v1/users?limit=50&offset=${offset}${role ? `&role=${role}` : ''}`, { schema: userListSchema, signal }),
  });
export const useUsers = (role: string, offset: number) =>
  useQuery({ ...usersQueryOptions(role, offset), placeholderData: keepPreviousData });

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserRequest) => api('/v1/users', { method: 'POST', body, schema: userSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUserRequest }) =>
      api(`/v1/users/${id}`, { method: 'PATCH', body, schema: userSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

/** A temporary password for someone else's account: their sessions end and they must choose their own at next sign-in. */
export function useResetUserPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: AdminPasswordReset }) =>
      api(`/v1/users/${id}/password`, { method: 'POST', body, schema: userSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
