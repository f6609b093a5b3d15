import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AuditEntry, Page } from '../../api/types';
import zhCN from '../../i18n/zh-CN';

export type AuditFilters = {
  action?: string;
  actorId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
};

export function useAudit(filters: AuditFilters) {
  return useQuery({
    queryKey: ['audit', filters],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>('/api/audit', filters, signal),
    placeholderData: keepPreviousData,
  });
}

/** Actions for the filter: every action that has a label (free text is accepted too), so a new label is a new option. */
export const KNOWN_ACTIONS: string[] = Object.entries(zhCN.audit.actions).flatMap(([group, actions]) =>
  Object.keys(actions).map((name) => `${group}.${name}`),
);

/** A date from <input type="date"> as the start or the end of that day in local time, as ISO. */
export function dayBoundary(date: string | undefined, end: boolean): string | undefined {
  if (!date) return undefined;
  const value = new Date(`${date}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
}
