import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreditRecord, CreditRestriction, RecoveryOrder, RecoveryOrderDetail } from '@contracts';
import { api } from '../../api/client';

// Recovery orders and institution credit records (server: modules/subsidies/recovery.*, modules/institutions/credit.*).

export function useRecoveryOrders(status: RecoveryOrder['status'] | undefined) {
  return useQuery({
    queryKey: ['recovery-orders', status ?? 'all'],
    queryFn: ({ signal }) =>
      api
        .get<{ orders: RecoveryOrder[] }>('/api/subsidies/recovery-orders', status ? { status } : undefined, signal)
        .then((r) => r.orders),
  });
}

export function useRecoveryOrder(id: string | null) {
  return useQuery({
    queryKey: ['recovery-order', id],
    enabled: !!id,
    queryFn: ({ signal }) =>
      api
        .get<{ order: RecoveryOrderDetail }>(`/api/subsidies/recovery-orders/${id}`, undefined, signal)
        .then((r) => r.order),
  });
}

export function useRecoveryAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (
      input: { action: 'recovered'; amountFen: number; reason: string } | { action: 'write-off'; reason: string },
    ) =>
      api
        .post<{ order: RecoveryOrderDetail }>(
          `/api/subsidies/recovery-orders/${id}/${input.action}`,
          input.action === 'recovered'
            ? { amountFen: input.amountFen, reason: input.reason }
            : { reason: input.reason },
        )
        .then((r) => r.order),
    onSuccess: (order) => {
      client.setQueryData(['recovery-order', id], order);
      void client.invalidateQueries({ queryKey: ['recovery-orders'] });
    },
  });
}

export function useCreditRecord(institutionId: string | null | undefined) {
  return useQuery({
    queryKey: ['credit', institutionId],
    enabled: !!institutionId,
    queryFn: ({ signal }) => api.get<CreditRecord>(`/api/institutions/${institutionId}/credit`, undefined, signal),
  });
}

export function useCreditRestrictions() {
  return useQuery({
    queryKey: ['credit-restrictions'],
    queryFn: ({ signal }) =>
      api
        .get<{ items: CreditRestriction[] }>('/api/public/credit-restrictions', undefined, signal)
        .then((r) => r.items),
  });
}

export function useRecordFalseMaterials(institutionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { severity: 'minor' | 'major' | 'severe'; reason: string }) =>
      api.post<CreditRecord>(`/api/institutions/${institutionId}/credit/false-materials`, input),
    onSuccess: (record) => {
      client.setQueryData(['credit', institutionId], record);
      void client.invalidateQueries({ queryKey: ['credit-restrictions'] });
    },
  });
}

/** Fen as yuan with two decimals (¥1,234.50). */
export function formatFen(fen: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
    style: 'currency',
    currency: 'CNY',
    minimumFractionDigits: 2,
  }).format(fen / 100);
}
