import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Timeline, TracedLearner } from './types';

export function useTraceSearch(q: string, page: number) {
  return useQuery({
    queryKey: ['trace', 'search', q, page],
    queryFn: ({ signal }) =>
      api.get<{ items: TracedLearner[]; total: number }>('/api/trace/learners', { q, page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useTimeline(userId: string | undefined, period: { from?: string; to?: string }) {
  return useQuery({
    queryKey: ['trace', 'timeline', userId ?? '', period.from ?? '', period.to ?? ''],
    queryFn: ({ signal }) =>
      api.get<{ timeline: Timeline }>(`/api/trace/learners/${encodeURIComponent(userId ?? '')}`, period, signal),
    enabled: !!userId,
    select: (data) => data.timeline,
    placeholderData: keepPreviousData,
  });
}

/** The audited photo of a face check (the browser sends the session cookie with the image request). */
export const faceCheckPhotoUrl = (id: string) => `/api/trace/face-checks/${encodeURIComponent(id)}/photo`;
