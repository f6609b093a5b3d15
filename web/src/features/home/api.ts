import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { HomeSummary } from '../../api/types';

export function useHome() {
  return useQuery({
    queryKey: ['home'],
    queryFn: ({ signal }) => api.get<HomeSummary>('/api/home', undefined, signal),
  });
}
