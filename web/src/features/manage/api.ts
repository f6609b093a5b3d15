import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AuditEntry, Page } from '../../api/types';
import type { CourseDetail, CourseSummary } from '../authoring/types';
import type {
  Campaign,
  CampaignInput,
  ClassificationItem,
  Column,
  ColumnInput,
  EffectivePolicy,
  OccupationDetail,
  PolicyOverride,
  PolicyScope,
  PolicyVersion,
  Standard,
} from './types';

const enc = encodeURIComponent;

// ---- occupations and standards ---------------------------------------------------------------------------------

export function useClassification() {
  return useQuery({
    queryKey: ['catalog', 'classification'],
    queryFn: ({ signal }) => api.get<{ items: ClassificationItem[] }>('/api/catalog/classification', undefined, signal),
    staleTime: 3600_000,
    select: (data) => data.items,
  });
}

const occupationKey = (code: string) => ['manage', 'occupation', code] as const;

export function useOccupation(code: string | null) {
  return useQuery({
    queryKey: occupationKey(code ?? ''),
    queryFn: ({ signal }) =>
      api.get<{ occupation: OccupationDetail }>(`/api/catalog/occupations/${enc(code ?? '')}`, undefined, signal),
    enabled: !!code,
    select: (data) => data.occupation,
  });
}

function useOccupationMutation<V>(call: (vars: V) => Promise<{ occupation: OccupationDetail }>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: ({ occupation }) => {
      client.setQueryData(occupationKey(occupation.code), { occupation });
      // Lists and the public catalogue show the names and standards too.
      return Promise.all([
        client.invalidateQueries({ queryKey: ['authoring', 'occupations'] }),
        client.invalidateQueries({ queryKey: ['catalog'] }),
      ]);
    },
  });
}

export type OccupationChanges = { nameZh?: string; nameEn?: string; tags?: string[] };

export function useUpdateOccupation(code: string) {
  return useOccupationMutation((changes: OccupationChanges) =>
    api.patch<{ occupation: OccupationDetail }>(`/api/catalog/occupations/${enc(code)}`, changes),
  );
}

export function usePutStandard(code: string) {
  return useOccupationMutation(({ level, ...body }: Omit<Standard, 'estimated'>) =>
    api.put<{ occupation: OccupationDetail }>(`/api/catalog/occupations/${enc(code)}/standards/${level}`, body),
  );
}

// ---- policies ---------------------------------------------------------------------------------------------------

export function usePolicyScopes() {
  return useQuery({
    queryKey: ['manage', 'policies'],
    queryFn: ({ signal }) => api.get<{ items: PolicyScope[] }>('/api/policies', undefined, signal),
    select: (data) => data.items,
  });
}

export function usePolicyHistory(scope: string | null) {
  return useQuery({
    queryKey: ['manage', 'policies', scope ?? ''],
    queryFn: ({ signal }) =>
      api.get<{ items: PolicyVersion[] }>(`/api/policies/${enc(scope ?? '')}`, undefined, signal),
    enabled: !!scope,
    select: (data) => data.items,
  });
}

/** The policy in force for a region (null: the national document), with the versions it was resolved from. */
export function useEffectivePolicy(region: string | null, enabled = true) {
  return useQuery({
    queryKey: ['manage', 'policies', 'effective', region ?? ''],
    queryFn: ({ signal }) => api.get<{ policy: EffectivePolicy }>('/api/catalog/policy', { region }, signal),
    enabled,
    select: (data) => data.policy,
  });
}

/** Who published which policy version, from the audit log (the version itself only keeps the user id). */
export function usePolicyPublishers() {
  return useQuery({
    queryKey: ['manage', 'policy-publishers'],
    queryFn: ({ signal }) =>
      api.get<Page<AuditEntry>>('/api/audit', { action: 'policy.published', pageSize: 200 }, signal),
    select: (data) => new Map(data.items.filter((e) => e.targetId).map((e) => [e.targetId!, e.actorName ?? ''])),
    retry: false,
  });
}

export function usePublishPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ scope, document, note }: { scope: string; document: PolicyOverride; note: string }) =>
      api.post<{ policy: PolicyVersion }>(`/api/policies/${enc(scope)}`, { document, note }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: ['manage', 'policies'] }),
        client.invalidateQueries({ queryKey: ['manage', 'policy-publishers'] }),
        client.invalidateQueries({ queryKey: ['catalog', 'general-modules'] }),
      ]),
  });
}

// ---- campaigns and columns ---------------------------------------------------------------------------------------

export function useCampaigns() {
  return useQuery({
    queryKey: ['manage', 'campaigns'],
    queryFn: ({ signal }) => api.get<{ items: Campaign[] }>('/api/campaigns', undefined, signal),
    select: (data) => data.items,
  });
}

export function useSaveCampaign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: CampaignInput }) =>
      id
        ? api.put<{ campaign: Campaign }>(`/api/campaigns/${enc(id)}`, input)
        : api.post<{ campaign: Campaign }>('/api/campaigns', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['manage', 'campaigns'] }),
  });
}

export function useDeleteCampaign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/campaigns/${enc(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['manage', 'campaigns'] }),
  });
}

export function useColumns() {
  return useQuery({
    queryKey: ['manage', 'columns'],
    queryFn: ({ signal }) => api.get<{ items: Column[] }>('/api/columns', undefined, signal),
    select: (data) => data.items,
  });
}

export function useSaveColumn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: ColumnInput }) =>
      id
        ? api.put<{ column: Column }>(`/api/columns/${enc(id)}`, input)
        : api.post<{ column: Column }>('/api/columns', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['manage', 'columns'] }),
  });
}

export function useDeleteColumn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/columns/${enc(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['manage', 'columns'] }),
  });
}

/** Published courses matching a Chinese full-text query (campaigns and columns list only published courses). */
export function useCourseSearch(q: string) {
  return useQuery({
    queryKey: ['manage', 'course-search', q],
    queryFn: ({ signal }) =>
      api.get<Page<CourseSummary>>('/api/catalog/courses', { q: q || undefined, pageSize: 30 }, signal),
    placeholderData: keepPreviousData,
    select: (data) => data.items,
  });
}

/** Titles of courses known only by id (a saved campaign or column). */
export function useCourseTitles(ids: string[]): Map<string, string> {
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['manage', 'course-title', id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<{ course: CourseDetail }>(`/api/catalog/courses/${enc(id)}`, undefined, signal),
      staleTime: 300_000,
      retry: false,
    })),
  });
  const titles = new Map<string, string>();
  results.forEach((r, i) => {
    if (r.data) titles.set(ids[i], r.data.course.title);
  });
  return titles;
}
