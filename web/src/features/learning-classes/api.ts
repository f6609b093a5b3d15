import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ClassDetail } from '../classes/types';
import type {
  AttendanceRecord,
  MyClassDetail,
  MyClassSummary,
  OpenClass,
  OpenClassFilters,
  ScanAction,
  ScanBody,
  VenueCode,
} from './types';

const enc = encodeURIComponent;
const myKey = ['my-classes'] as const;
const openKey = ['open-classes'] as const;

export function useMyClasses() {
  return useQuery({
    queryKey: [...myKey, 'list'],
    queryFn: ({ signal }) => api.get<{ items: MyClassSummary[] }>('/api/my/classes', undefined, signal),
    select: (data) => data.items,
  });
}

export function useMyClass(id: string | undefined) {
  return useQuery({
    queryKey: [...myKey, 'detail', id ?? ''],
    queryFn: ({ signal }) => api.get<{ class: MyClassDetail }>(`/api/my/classes/${enc(id ?? '')}`, undefined, signal),
    enabled: !!id,
    select: (data) => data.class,
  });
}

export function useOpenClasses(filters: OpenClassFilters) {
  return useQuery({
    queryKey: [...openKey, filters],
    queryFn: ({ signal }) => api.get<{ items: OpenClass[] }>('/api/open-classes', filters, signal),
    placeholderData: keepPreviousData,
    select: (data) => data.items,
  });
}

/** Enrolling and withdrawing change both lists. */
function useEnrolmentMutation<T>(call: (classId: string) => Promise<T>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSettled: () =>
      Promise.all([client.invalidateQueries({ queryKey: myKey }), client.invalidateQueries({ queryKey: openKey })]),
  });
}

export function useEnrol() {
  return useEnrolmentMutation((classId) =>
    api.post<{ class: MyClassDetail }>(`/api/open-classes/${enc(classId)}/enrol`),
  );
}

export function useWithdrawSelf() {
  return useEnrolmentMutation((classId) => api.post<void>(`/api/open-classes/${enc(classId)}/withdraw`));
}

export function useScan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: ScanAction; body: ScanBody }) =>
      api.post<{ attendance: AttendanceRecord }>(`/api/attendance/${action}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: myKey }),
  });
}

// ---- venue screen (institution staff) ----------------------------------------------------------------------------

export function useStaffClass(id: string) {
  return useQuery({
    queryKey: ['classes', 'detail', id],
    queryFn: ({ signal }) => api.get<{ class: ClassDetail }>(`/api/classes/${enc(id)}`, undefined, signal),
    select: (data) => data.class,
  });
}

/** The rotating code; the caller schedules the next fetch from `refreshInSeconds`. */
export function useVenueCode(classId: string, sessionId: string) {
  return useQuery({
    queryKey: ['venue-code', classId, sessionId],
    queryFn: ({ signal }) =>
      api.get<VenueCode>(`/api/classes/${enc(classId)}/sessions/${enc(sessionId)}/qr`, undefined, signal),
    refetchInterval: (query) => Math.max(1, query.state.data?.refreshInSeconds ?? 30) * 1000,
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: false,
    retry: 1,
  });
}

type ClassAttendance = {
  sessions: { id: string }[];
  learners: { userId: string; records: { sessionId: string; checkOutAt: string | null }[] }[];
};

/** How many learners have checked in (and out) of one session, polled every 15 s. */
export function useSessionCounts(classId: string, sessionId: string) {
  return useQuery({
    queryKey: ['venue-counts', classId, sessionId],
    queryFn: ({ signal }) =>
      api.get<{ attendance: ClassAttendance }>(`/api/classes/${enc(classId)}/attendance`, undefined, signal),
    refetchInterval: 15_000,
    select: (data) => {
      const records = data.attendance.learners.flatMap((l) => l.records.filter((r) => r.sessionId === sessionId));
      return { checkedIn: records.length, checkedOut: records.filter((r) => r.checkOutAt).length };
    },
  });
}
