import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AuditEntry, Page } from '../../api/types';

export type AuditFilters = { action?: string; actorId?: string; from?: string; to?: string; page: number; pageSize: number };

export function useAudit(filters: AuditFilters) {
  return useQuery({
    queryKey: ['audit', filters],
    queryFn: ({ signal }) => api.get<Page<AuditEntry>>('/api/audit', filters, signal),
    placeholderData: keepPreviousData,
  });
}

/** Actions the server records today, for the filter; free text is accepted too. */
export const KNOWN_ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.login_failed',
  'auth.account_locked',
  'auth.forced_logout',
  'auth.password_reset_requested',
  'auth.password_reset',
  'auth.password_changed',
  'user.registered',
  'user.disabled',
  'user.enabled',
  'user.role_granted',
  'pii.id_number_revealed',
  'invitation.created',
  'invitation.accepted',
] as const;

/** A date from <input type="date"> as the start or the end of that day in local time, as ISO. */
export function dayBoundary(date: string | undefined, end: boolean): string | undefined {
  if (!date) return undefined;
  const value = new Date(`${date}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
}
