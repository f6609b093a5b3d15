import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { InspectionReport } from './types';

export type InspectionQuery = { institutionId?: string; from: string; to: string };

export function useInspection(query: InspectionQuery | null) {
  return useQuery({
    queryKey: ['inspection', query?.institutionId ?? '', query?.from ?? '', query?.to ?? ''],
    queryFn: ({ signal }) => api.get<{ report: InspectionReport }>('/api/inspection', query!, signal),
    enabled: !!query,
    select: (data) => data.report,
  });
}

export function inspectionExportUrl(query: InspectionQuery): string {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.institutionId) params.set('institutionId', query.institutionId);
  return `/api/inspection.xlsx?${params.toString()}`;
}
