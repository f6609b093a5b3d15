import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Dashboard, PlatformStats } from './types';

export type DashboardQuery = { region?: string; institutionId?: string };

export function useDashboard(query: DashboardQuery) {
  return useQuery({
    queryKey: ['stats', 'dashboard', query.region ?? '', query.institutionId ?? ''],
    queryFn: ({ signal }) => api.get<{ dashboard: Dashboard }>('/api/stats/dashboard', query, signal),
    select: (data) => data.dashboard,
    placeholderData: keepPreviousData,
    // Today's cards move with every heartbeat; a minute is fresh enough for a console left open.
    refetchInterval: 60_000,
  });
}

export function usePlatformStats(enabled: boolean) {
  return useQuery({
    queryKey: ['stats', 'platform'],
    queryFn: ({ signal }) => api.get<{ stats: PlatformStats }>('/api/stats/platform', undefined, signal),
    select: (data) => data.stats,
    enabled,
    refetchInterval: 60_000,
  });
}
