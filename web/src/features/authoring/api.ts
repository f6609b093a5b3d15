import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  Category,
  CourseDetail,
  CourseInput,
  CourseSummary,
  GeneralModule,
  LessonKind,
  Media,
  OccupationSummary,
  SkillLevel,
} from './types';

const enc = encodeURIComponent;
export const coursesKey = ['authoring', 'courses'] as const;
export const courseKey = (id: string) => ['authoring', 'course', id] as const;

// ---- courses ---------------------------------------------------------------------------------------------------

export function useOwnCourses() {
  return useQuery({
    queryKey: coursesKey,
    queryFn: ({ signal }) => api.get<{ items: CourseSummary[] }>('/api/courses', undefined, signal),
  });
}

/** One course being edited; asks again every two seconds while a lesson's video is still being transcoded. */
export function useCourse(id: string | undefined, options: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: courseKey(id ?? ''),
    queryFn: ({ signal }) => api.get<{ course: CourseDetail }>(`/api/courses/${enc(id ?? '')}`, undefined, signal),
    enabled: !!id,
    select: (data) => data.course,
    refetchInterval: (query) => {
      if (!options.poll) return false;
      const course = query.state.data?.course;
      const busy = course?.chapters.some((c) =>
        c.lessons.some((l) => l.mediaStatus === 'processing' || l.mediaStatus === 'uploaded'),
      );
      return busy ? 2000 : false;
    },
  });
}

export function useCreateCourse() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CourseInput) => api.post<{ course: CourseDetail }>('/api/courses', input),
    onSuccess: ({ course }) => {
      client.setQueryData(courseKey(course.id), { course });
      return client.invalidateQueries({ queryKey: coursesKey });
    },
  });
}

/** Every change to a course's content: the course and the list are fetched again afterwards. */
function useCourseMutation<V, R>(courseId: string, call: (vars: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: async (result) => {
      const course = (result as { course?: CourseDetail } | undefined)?.course;
      if (course) client.setQueryData(courseKey(courseId), { course });
      await Promise.all([
        course ? undefined : client.invalidateQueries({ queryKey: courseKey(courseId) }),
        client.invalidateQueries({ queryKey: coursesKey }),
      ]);
    },
  });
}

export function useUpdateCourse(courseId: string) {
  return useCourseMutation(courseId, (input: Partial<CourseInput>) =>
    api.patch<{ course: CourseDetail }>(`/api/courses/${enc(courseId)}`, input),
  );
}

export function useSetCourseStatus(courseId: string) {
  return useCourseMutation(courseId, (action: 'publish' | 'archive') =>
    api.post<{ course: CourseDetail }>(`/api/courses/${enc(courseId)}/${action}`),
  );
}

export function useAddChapter(courseId: string) {
  return useCourseMutation(courseId, (title: string) =>
    api.post<{ id: string }>(`/api/courses/${enc(courseId)}/chapters`, { title }),
  );
}

export function useRenameChapter(courseId: string) {
  return useCourseMutation(courseId, ({ id, title }: { id: string; title: string }) =>
    api.patch(`/api/chapters/${enc(id)}`, { title }),
  );
}

export function useDeleteChapter(courseId: string) {
  return useCourseMutation(courseId, (id: string) => api.delete(`/api/chapters/${enc(id)}`));
}

export type MoveInput = { kind: 'chapter' | 'lesson'; id: string; direction: 'up' | 'down' };

export function useMove(courseId: string) {
  return useCourseMutation(courseId, ({ kind, id, direction }: MoveInput) =>
    api.post(`/api/${kind}s/${enc(id)}/move`, { direction }),
  );
}

export type LessonInput = { title: string; kind: LessonKind; mediaId: string; documentMinutes?: number | null };

export function useAddLesson(courseId: string) {
  return useCourseMutation(courseId, ({ chapterId, ...input }: LessonInput & { chapterId: string }) =>
    api.post<{ id: string }>(`/api/chapters/${enc(chapterId)}/lessons`, input),
  );
}

export type LessonChanges = { title?: string; mediaId?: string; documentMinutes?: number | null };

export function useUpdateLesson(courseId: string) {
  return useCourseMutation(courseId, ({ id, ...changes }: LessonChanges & { id: string }) =>
    api.patch(`/api/lessons/${enc(id)}`, changes),
  );
}

export function useDeleteLesson(courseId: string) {
  return useCourseMutation(courseId, (id: string) => api.delete(`/api/lessons/${enc(id)}`));
}

// ---- media -----------------------------------------------------------------------------------------------------

/** An uploaded file's processing state, asked for every second until it is ready or has failed. */
export function useMedia(id: string | null, initial?: Media) {
  return useQuery({
    queryKey: ['media', id ?? ''],
    queryFn: ({ signal }) => api.get<{ media: Media }>(`/api/media/${enc(id ?? '')}`, undefined, signal),
    enabled: !!id,
    initialData: initial && initial.id === id ? { media: initial } : undefined,
    initialDataUpdatedAt: 0,
    select: (data) => data.media,
    refetchInterval: (query) => {
      const status = query.state.data?.media.status;
      return status === 'processing' || status === 'uploaded' ? 1000 : false;
    },
  });
}

// ---- reference data (shared with the management pages) ---------------------------------------------------------

const HOUR = 3600_000;

export function useCategories() {
  return useQuery({
    queryKey: ['catalog', 'categories'],
    queryFn: ({ signal }) => api.get<{ items: Category[] }>('/api/catalog/categories', undefined, signal),
    staleTime: HOUR,
    select: (data) => data.items,
  });
}

export function useLevels() {
  return useQuery({
    queryKey: ['catalog', 'levels'],
    queryFn: ({ signal }) => api.get<{ items: SkillLevel[] }>('/api/catalog/levels', undefined, signal),
    staleTime: HOUR,
    select: (data) => data.items,
  });
}

export function useGeneralModules(enabled = true) {
  return useQuery({
    queryKey: ['catalog', 'general-modules'],
    queryFn: ({ signal }) => api.get<{ items: GeneralModule[] }>('/api/catalog/general-modules', undefined, signal),
    staleTime: HOUR,
    enabled,
    select: (data) => data.items,
  });
}

export type OccupationFilters = { q?: string; major?: string };

export function useOccupations(filters: OccupationFilters, enabled = true) {
  return useQuery({
    queryKey: ['authoring', 'occupations', filters],
    queryFn: ({ signal }) => api.get<{ items: OccupationSummary[] }>('/api/catalog/occupations', filters, signal),
    placeholderData: keepPreviousData,
    enabled,
    select: (data) => data.items,
  });
}
