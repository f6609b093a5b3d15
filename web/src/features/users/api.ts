import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page, Role, User } from '../../api/types';

export type UserFilters = { q?: string; role?: Role; page: number; pageSize: number };

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: ['users', filters],
    queryFn: ({ signal }) => api.get<Page<User>>('/api/users', filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRevealIdNumber() {
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api.post<{ idNumber: string }>(`/api/users/${encodeURIComponent(id)}/reveal-id-number`, { reason }),
  });
}

export function useUpdateStatus() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status, reason }: { id: string; status: User['status']; reason: string }) =>
      api.patch<{ user: User }>(`/api/users/${encodeURIComponent(id)}/status`, { status, reason }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
  });
}
