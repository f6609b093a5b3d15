import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Institution } from '../../api/types';

export function useInstitutions(q?: string, enabled = true) {
  return useQuery({
    queryKey: ['institutions', q ?? ''],
    queryFn: ({ signal }) => api.get<{ items: Institution[] }>('/api/institutions', { q }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
