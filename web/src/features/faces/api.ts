import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Me } from '../../api/types';
import type { FaceAlert, LearnerFaces, MyEnrolment, ReenrolmentRequest } from './types';

const enc = encodeURIComponent;
const facesKey = ['faces'] as const;
const mineKey = [...facesKey, 'mine'] as const;

/** Where an enrolment photo is served (staff only; every viewing is audited by the server). */
export const enrolmentPhotoUrl = (enrolmentId: string) => `/api/faces/enrolments/${enc(enrolmentId)}/photo`;

export function useMyEnrolment(enabled = true) {
  return useQuery({
    queryKey: mineKey,
    enabled,
    queryFn: ({ signal }) =>
      api.get<{ enrolment: MyEnrolment }>('/api/faces/enrolment', undefined, signal).then((r) => r.enrolment),
  });
}

export function useEnrol() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (photo: string) =>
      api.post<{ enrolment: MyEnrolment }>('/api/faces/enrolment', { photo }).then((r) => r.enrolment),
    onSuccess: (enrolment) => client.setQueryData(mineKey, enrolment),
  });
}

export function useRequestReenrolment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { photo: string; reason: string }) =>
      api.post<{ enrolment: MyEnrolment }>('/api/faces/re-enrolment', input).then((r) => r.enrolment),
    onSuccess: (enrolment) => client.setQueryData(mineKey, enrolment),
  });
}

export function useReenrolments(status: 'pending' | 'decided') {
  return useQuery({
    queryKey: [...facesKey, 'requests', status],
    queryFn: ({ signal }) =>
      api
        .get<{ requests: ReenrolmentRequest[] }>('/api/faces/re-enrolments', { status }, signal)
        .then((r) => r.requests),
  });
}

export function useDecideReenrolment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, note }: { id: string; decision: 'approve' | 'reject'; note?: string }) =>
      api
        .post<{ faces: LearnerFaces }>(`/api/faces/re-enrolments/${enc(id)}/${decision}`, note ? { note } : {})
        .then((r) => r.faces),
    onSuccess: () => client.invalidateQueries({ queryKey: facesKey }),
  });
}

export function useLearnerFaces(userId: string | undefined) {
  return useQuery({
    queryKey: [...facesKey, 'learner', userId],
    enabled: !!userId,
    queryFn: ({ signal }) =>
      api.get<{ faces: LearnerFaces }>(`/api/faces/users/${enc(userId!)}`, undefined, signal).then((r) => r.faces),
  });
}

export function useUploadIdPhoto(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (photo: string) =>
      api.post<{ faces: LearnerFaces }>(`/api/faces/users/${enc(userId)}/id-photo`, { photo }).then((r) => r.faces),
    onSuccess: () => client.invalidateQueries({ queryKey: facesKey }),
  });
}

export function useFaceAlerts(userId?: string) {
  return useQuery({
    queryKey: [...facesKey, 'alerts', userId ?? null],
    queryFn: ({ signal }) =>
      api.get<{ alerts: FaceAlert[] }>('/api/faces/alerts', { userId }, signal).then((r) => r.alerts),
  });
}

/**
 * Where a learner goes after signing in: a learner without an enrolled face is led to the face enrolment page first
 * (and from there to where they were going). Anyone else, or when the status cannot be read, goes straight on.
 */
export async function afterSignIn(me: Me, next: string): Promise<string> {
  if (!me.permissions.includes('faces.enrol')) return next;
  try {
    const { enrolment } = await api.get<{ enrolment: MyEnrolment }>('/api/faces/enrolment');
    if (enrolment.status === 'active') return next;
    return next === '/' ? '/face-enrolment' : `/face-enrolment?next=${enc(next)}`;
  } catch {
    return next;
  }
}
