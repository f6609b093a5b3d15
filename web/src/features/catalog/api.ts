// Queries of the public catalogue. Every endpoint here is public, so these hooks are safe on pages for visitors
// (the API client sends the browser to /login only on session errors, which public routes never answer).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import type {
  Campaign,
  CourseCategory,
  CourseDetail,
  CourseFilters,
  CourseSummary,
  FeaturedColumn,
  Occupation,
  SkillLevel,
} from './types';

type Items<T> = { items: T[] };
const HOUR = 60 * 60_000;

export function useCategories() {
  return useQuery({
    queryKey: ['catalog', 'categories'],
    queryFn: ({ signal }) => api.get<Items<CourseCategory>>('/api/catalog/categories', undefined, signal),
    select: (data) => data.items,
  });
}

export function useLevels() {
  return useQuery({
    queryKey: ['catalog', 'levels'],
    queryFn: ({ signal }) => api.get<Items<SkillLevel>>('/api/catalog/levels', undefined, signal),
    select: (data) => data.items,
    staleTime: HOUR,
  });
}

export function useOccupations(category: string | undefined) {
  return useQuery({
    queryKey: ['catalog', 'occupations', category ?? null],
    queryFn: ({ signal }) => api.get<Items<Occupation>>('/api/catalog/occupations', { category }, signal),
    select: (data) => data.items,
    staleTime: 10 * 60_000,
  });
}

/** One occupation, to name a filter that came from a link while the option list is still loading or narrower. */
export function useOccupation(code: string | undefined) {
  return useQuery({
    queryKey: ['catalog', 'occupation', code],
    queryFn: ({ signal }) =>
      api.get<{ occupation: Occupation }>(
        `/api/catalog/occupations/${encodeURIComponent(code ?? '')}`,
        undefined,
        signal,
      ),
    select: (data) => data.occupation,
    enabled: !!code,
    staleTime: 10 * 60_000,
  });
}

export function useCourses(filters: CourseFilters) {
  return useQuery({
    queryKey: ['catalog', 'courses', filters],
    queryFn: ({ signal }) => api.get<Page<CourseSummary>>('/api/catalog/courses', filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCourse(id: string, region: string | null) {
  return useQuery({
    queryKey: ['catalog', 'course', id, region],
    queryFn: ({ signal }) =>
      api.get<{ course: CourseDetail }>(`/api/catalog/courses/${encodeURIComponent(id)}`, { region }, signal),
    select: (data) => data.course,
    // Lessons keep transcoding for a few minutes after an upload: ask again while some are not ready.
    refetchInterval: (query) =>
      query.state.data?.course.chapters.some((c) =>
        c.lessons.some((l) => l.mediaStatus === 'uploaded' || l.mediaStatus === 'processing'),
      )
        ? 15_000
        : false,
  });
}

export function useCampaigns(region: string | null) {
  return useQuery({
    queryKey: ['catalog', 'campaigns', region],
    queryFn: ({ signal }) => api.get<Items<Campaign>>('/api/catalog/campaigns', { region }, signal),
    select: (data) => data.items.filter((c) => c.state !== 'ended'),
  });
}

export function useColumns(region: string | null) {
  return useQuery({
    queryKey: ['catalog', 'columns', region],
    queryFn: ({ signal }) => api.get<Items<FeaturedColumn>>('/api/catalog/columns', { region }, signal),
    select: (data) => data.items.filter((c) => c.courses.length > 0),
    enabled: !!region,
  });
}

/** Files of a lesson's media (poster is public for published courses; the others need a session). */
export function mediaUrl(mediaId: string, file: 'poster.jpg' | 'video.mp4' | 'document.pdf'): string {
  return `/api/media/${encodeURIComponent(mediaId)}/${file}`;
}
