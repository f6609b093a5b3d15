import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, readCookie } from '../../api/client';
import { ApiError, toApiError } from '../../api/errors';
import type { Page, User } from '../../api/types';
import i18n from '../../i18n';
import type { CourseSummary, GeneralModule } from '../authoring/types';
import type {
  ClassChange,
  ClassChangeInput,
  ClassDetail,
  ClassInput,
  ClassProgress,
  ClassStatus,
  ClassSummary,
  Decision,
  ImportMode,
  ImportReport,
  LearnerProgressDetail,
  LearningSuspension,
  QueuedChange,
  RosterPage,
} from './types';

const enc = encodeURIComponent;
const classesKey = ['classes'] as const;
export const classKey = (id: string) => ['classes', 'detail', id] as const;

// ---- classes ---------------------------------------------------------------------------------------------------

export function useClasses(status: ClassStatus | undefined) {
  return useQuery({
    queryKey: ['classes', 'list', status ?? 'all'],
    queryFn: ({ signal }) => api.get<{ items: ClassSummary[] }>('/api/classes', { status }, signal),
    placeholderData: keepPreviousData,
    select: (data) => data.items,
  });
}

export function useReviewQueue() {
  return useQuery({
    queryKey: ['classes', 'queue'],
    queryFn: ({ signal }) => api.get<{ items: ClassSummary[] }>('/api/classes/review-queue', undefined, signal),
    select: (data) => data.items,
  });
}

export function useClass(id: string | undefined) {
  return useQuery({
    queryKey: classKey(id ?? ''),
    queryFn: ({ signal }) => api.get<{ class: ClassDetail }>(`/api/classes/${enc(id ?? '')}`, undefined, signal),
    enabled: !!id,
    select: (data) => data.class,
  });
}

/** A write that answers with the class: the detail is replaced and every list asks again. */
function useClassMutation<V>(call: (vars: V) => Promise<{ class: ClassDetail }>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (result) => {
      client.setQueryData(classKey(result.class.id), result);
      return client.invalidateQueries({ queryKey: classesKey, predicate: (q) => q.queryKey[1] !== 'detail' });
    },
  });
}

export function useSaveClass() {
  return useClassMutation(({ id, input }: { id: string | null; input: ClassInput }) =>
    id
      ? api.put<{ class: ClassDetail }>(`/api/classes/${enc(id)}`, input)
      : api.post<{ class: ClassDetail }>('/api/classes', input),
  );
}

export function useSubmitClass() {
  return useClassMutation((id: string) => api.post<{ class: ClassDetail }>(`/api/classes/${enc(id)}/submit`));
}

export function useDecideClass() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, comment }: { id: string; decision: Decision; comment: string }) =>
      api.post<{ class: ClassDetail }>(`/api/classes/${enc(id)}/${decision}`, { comment }),
    onSuccess: (result) => {
      client.setQueryData(classKey(result.class.id), result);
      // The reviewer goes back to the queue next: it must not show the decided class, even for a moment.
      client.setQueryData<{ items: ClassSummary[] }>(
        ['classes', 'queue'],
        (old) => old && { items: old.items.filter((c) => c.id !== result.class.id) },
      );
      return client.invalidateQueries({ queryKey: classesKey, predicate: (q) => q.queryKey[1] !== 'detail' });
    },
  });
}

// ---- what a class is made of -----------------------------------------------------------------------------------

/** The institution's own published courses (the authoring list, filtered). */
export function usePublishedOwnCourses(enabled: boolean) {
  return useQuery({
    queryKey: ['authoring', 'courses'],
    queryFn: ({ signal }) => api.get<{ items: CourseSummary[] }>('/api/courses', undefined, signal),
    enabled,
    select: (data) => data.items.filter((c) => c.status === 'published'),
  });
}

/** General modules as the region's policy sees them (which are required) with the platform courses teaching them. */
export function useRegionGeneralModules(region: string | null | undefined) {
  return useQuery({
    queryKey: ['catalog', 'general-modules', region ?? ''],
    queryFn: ({ signal }) => api.get<{ items: GeneralModule[] }>('/api/catalog/general-modules', { region }, signal),
    staleTime: 600_000,
    select: (data) => data.items,
  });
}

export function useTeachers(enabled: boolean) {
  return useQuery({
    queryKey: ['users', { role: 'teacher', pageSize: 200 }],
    queryFn: ({ signal }) => api.get<Page<User>>('/api/users', { role: 'teacher', pageSize: 200 }, signal),
    enabled,
    select: (data) => data.items,
  });
}

// ---- roster ----------------------------------------------------------------------------------------------------

export const rosterKey = (id: string) => ['classes', 'roster', id] as const;

export function useRoster(classId: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...rosterKey(classId), page, pageSize],
    queryFn: ({ signal }) => api.get<RosterPage>(`/api/classes/${enc(classId)}/enrolments`, { page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

/** After a roster change: the roster, the class (learner pre-checks, count) and the lists. */
function useRosterRefresh(classId: string) {
  const client = useQueryClient();
  return () =>
    client.invalidateQueries({
      queryKey: classesKey,
      predicate: (q) => q.queryKey[1] !== 'detail' || q.queryKey[2] === classId,
    });
}

export function useWithdraw(classId: string) {
  const refresh = useRosterRefresh(classId);
  return useMutation({
    mutationFn: (userId: string) => api.delete(`/api/classes/${enc(classId)}/enrolments/${enc(userId)}`),
    onSuccess: refresh,
  });
}

// ---- learning suspended after missed face checks ------------------------------------------------------------------

const suspensionsKey = (classId: string) => ['classes', 'suspensions', classId] as const;

export function useLearningSuspensions(classId: string, enabled = true) {
  return useQuery({
    queryKey: suspensionsKey(classId),
    enabled,
    queryFn: ({ signal }) =>
      api.get<{ items: LearningSuspension[] }>(`/api/classes/${enc(classId)}/learning-suspensions`, undefined, signal),
    select: (data) => data.items,
  });
}

/** The institution lifts a suspension with a note (audited); the list asks again. */
export function useLiftSuspension(classId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, note }: { userId: string; note: string }) =>
      api.post<{ ok: true }>(`/api/classes/${enc(classId)}/learners/${enc(userId)}/learning-suspension/lift`, { note }),
    onSuccess: () => client.invalidateQueries({ queryKey: suspensionsKey(classId) }),
  });
}

export function templateUrl(classId: string): string {
  return `/api/classes/${enc(classId)}/enrolment-template.xlsx`;
}

/** Sends the roster file as the raw body; the answer is the row-by-row report. */
async function postRoster(classId: string, file: File, mode: ImportMode): Promise<ImportReport> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'x-locale': i18n.language || 'zh-CN',
    'content-type': file.type || 'application/octet-stream',
  };
  const csrf = readCookie('yx_csrf');
  if (csrf) headers['x-csrf-token'] = csrf;
  const query = new URLSearchParams({ mode, name: file.name });
  let response: Response;
  try {
    response = await fetch(`/api/classes/${enc(classId)}/enrolments/import?${query.toString()}`, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: i18n.t('errors.network') });
  }
  if (!response.ok) {
    const error = await toApiError(response);
    // An ended session: asking through the API client lets it send the browser to the right page.
    if (error.status === 401) void api.get('/api/auth/me').catch(() => undefined);
    throw error;
  }
  return (await response.json()) as ImportReport;
}

export function useImportRoster(classId: string) {
  const refresh = useRosterRefresh(classId);
  return useMutation({
    mutationFn: ({ file, mode }: { file: File; mode: ImportMode }) => postRoster(classId, file, mode),
    onSuccess: (report) => (report.mode === 'check' ? undefined : refresh()),
  });
}

// ---- changes after approval ------------------------------------------------------------------------------------

export const changesKey = (classId: string) => ['classes', 'changes', classId] as const;
const changeQueueKey = ['classes', 'change-queue'] as const;

export function useClassChanges(classId: string) {
  return useQuery({
    queryKey: changesKey(classId),
    queryFn: ({ signal }) =>
      api.get<{ items: ClassChange[] }>(`/api/classes/${enc(classId)}/changes`, undefined, signal),
    select: (data) => data.items,
  });
}

export function useChangeQueue(enabled = true) {
  return useQuery({
    queryKey: changeQueueKey,
    queryFn: ({ signal }) => api.get<{ items: QueuedChange[] }>('/api/class-changes/review-queue', undefined, signal),
    enabled,
    select: (data) => data.items,
  });
}

export function useProposeChange(classId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { change: ClassChangeInput; reason: string }) =>
      api.post<{ change: ClassChange }>(`/api/classes/${enc(classId)}/changes`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: changesKey(classId) }),
  });
}

/** A decision changes the change, maybe the class (approved changes take effect) and the queue. */
export function useDecideChange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, comment }: { id: string; decision: Decision; comment: string }) =>
      api.post<{ change: ClassChange }>(`/api/class-changes/${enc(id)}/${decision}`, { comment }),
    onSuccess: ({ change }) => {
      client.setQueryData<{ items: QueuedChange[] }>(
        changeQueueKey,
        (old) => old && { items: old.items.filter((c) => c.id !== change.id) },
      );
      return client.invalidateQueries({ queryKey: classesKey });
    },
  });
}

/** Enrolled learners of the class (the first 200), to choose whom a roster change removes. */
export function useEnrolledLearners(classId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...rosterKey(classId), 'enrolled'],
    queryFn: ({ signal }) =>
      api.get<RosterPage>(
        `/api/classes/${enc(classId)}/enrolments`,
        { status: 'enrolled', page: 1, pageSize: 200 },
        signal,
      ),
    enabled,
    select: (data) => data.items,
  });
}

/** The institution's learners matching a name (or a full phone or ID number), to choose whom a roster change adds. */
export function useInstitutionLearners(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['users', { role: 'learner', q, pageSize: 50 }],
    queryFn: ({ signal }) =>
      api.get<Page<User>>('/api/users', { role: 'learner', q: q || undefined, pageSize: 50 }, signal),
    enabled,
    placeholderData: keepPreviousData,
    select: (data) => data.items,
  });
}

// ---- hours and progress ----------------------------------------------------------------------------------------

export function useClassProgress(classId: string) {
  return useQuery({
    queryKey: ['classes', 'progress', classId],
    queryFn: ({ signal }) =>
      api.get<{ progress: ClassProgress }>(`/api/classes/${enc(classId)}/progress`, undefined, signal),
    select: (data) => data.progress,
  });
}

export function useLearnerProgress(classId: string, userId: string | null) {
  return useQuery({
    queryKey: ['classes', 'progress', classId, userId ?? ''],
    queryFn: ({ signal }) =>
      api.get<{ progress: LearnerProgressDetail }>(
        `/api/classes/${enc(classId)}/learners/${enc(userId ?? '')}/progress`,
        undefined,
        signal,
      ),
    enabled: !!userId,
    select: (data) => data.progress,
  });
}

export function progressExportUrl(classId: string): string {
  return `/api/classes/${enc(classId)}/progress.xlsx`;
}
