// Queries and calls of the early-warning API (docs/api.md "Early warning").
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  AlertDetail,
  AlertKind,
  AlertPage,
  AlertStatus,
  Notification,
  RankedLearner,
  Severity,
  SubjectType,
} from './types';

const enc = encodeURIComponent;
export const alertsKey = ['alerts'] as const;

export type AlertFilters = {
  kind?: AlertKind;
  severity?: Severity;
  status?: AlertStatus;
  subjectType?: SubjectType;
  page: number;
  pageSize: number;
};

export function useAlerts(filters: AlertFilters) {
  return useQuery({
    queryKey: [...alertsKey, 'list', filters],
    queryFn: ({ signal }) => api.get<AlertPage>('/api/alerts', filters, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAlert(id: string) {
  return useQuery({
    queryKey: [...alertsKey, 'detail', id],
    queryFn: ({ signal }) => api.get<AlertDetail>(`/api/alerts/${enc(id)}`, undefined, signal),
  });
}

export function useTopLearners(enabled: boolean) {
  return useQuery({
    queryKey: [...alertsKey, 'top'],
    queryFn: ({ signal }) =>
      api.get<{ items: RankedLearner[] }>('/api/alerts/risk/top-learners', { limit: 20 }, signal),
    select: (data) => data.items,
    enabled,
  });
}

export function useNotifications(enabled = true) {
  return useQuery({
    queryKey: ['notifications'],
    queryFn: ({ signal }) =>
      api.get<{ items: Notification[]; unread: number }>('/api/notifications', undefined, signal),
    enabled,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    // `id` is a notification's id, or 'all'.
    mutationFn: (id: string) =>
      api.post(id === 'all' ? '/api/notifications/read-all' : `/api/notifications/${enc(id)}/read`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export type WorkflowStep =
  | { step: 'review'; reason: string }
  | { step: 'propose'; decision: 'confirm' | 'dismiss'; reason: string }
  | { step: 'decide'; decision: 'confirm' | 'dismiss'; reason: string; revoke?: 'evidence' | 'class' | 'none' };

export function useWorkflow(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ step, ...body }: WorkflowStep) => api.post<AlertDetail>(`/api/alerts/${enc(id)}/${step}`, body),
    onSuccess: (detail) => {
      client.setQueryData([...alertsKey, 'detail', id], detail);
      void client.invalidateQueries({ queryKey: [...alertsKey, 'list'] });
    },
  });
}
