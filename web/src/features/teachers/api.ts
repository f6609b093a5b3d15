import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Qualification, QualificationInput, Teacher } from './types';

const enc = encodeURIComponent;
const teachersKey = ['teachers'] as const;

export function useTeacherList(query: { q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...teachersKey, 'list', query],
    queryFn: ({ signal }) => api.get<{ items: Teacher[]; total: number }>('/api/teachers', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAddQualification() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ teacherId, input }: { teacherId: string; input: QualificationInput }) =>
      api.post<{ items: Qualification[] }>(`/api/teachers/${enc(teacherId)}/qualifications`, input),
    // The class pre-checks read qualifications too.
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: teachersKey }),
        client.invalidateQueries({ queryKey: ['classes'] }),
      ]),
  });
}

export function useDisqualify() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api.post<{ ok: true }>(`/api/teacher-qualifications/${enc(id)}/disqualify`, { reason }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: teachersKey }),
        client.invalidateQueries({ queryKey: ['classes'] }),
      ]),
  });
}
