import { type CreateUserRequest, type UpdateUserRequest, userListSchema, userSchema } from '@patientinsight/shared';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const usersQueryOptions = (role: string, offset: number) =>
  queryOptions({
    queryKey: ['users', role, offset],
    queryFn: ({ signal }) => api(`/v1/users?limit=50&offset=${offset}${role ? `&role=${role}` : ''}`, { schema: userListSchema, signal }),
  });
export const useUsers = (role: string, offset: number) => useQuery({ ...usersQueryOptions(role, offset), placeholderData: keepPreviousData });

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
    mutationFn: ({ id, body }: { id: string; body: UpdateUserRequest }) => api(`/v1/users/${id}`, { method: 'PATCH', body, schema: userSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
