import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ClaimDetail, ClaimPreview, ClaimStatus, ClaimSummary, MySubsidy, PaymentBatch } from './types';

const enc = encodeURIComponent;
const key = ['subsidies'] as const;

export function useClaims(filter: { status?: ClaimStatus } = {}) {
  return useQuery({
    queryKey: [...key, 'claims', filter],
    queryFn: ({ signal }) => api.get<{ claims: ClaimSummary[] }>('/api/subsidies/claims', filter, signal),
    select: (data) => data.claims,
  });
}

export function useClaim(id: string) {
  return useQuery({
    queryKey: [...key, 'claim', id],
    queryFn: ({ signal }) => api.get<{ claim: ClaimDetail }>(`/api/subsidies/claims/${enc(id)}`, undefined, signal),
    select: (data) => data.claim,
  });
}

/** What a claim for the class would give each learner now, and why; nothing is written. */
export function usePreview(classId: string, enterpriseCostFen: number | null) {
  return useQuery({
    queryKey: [...key, 'preview', classId, enterpriseCostFen],
    queryFn: ({ signal }) =>
      api.get<{ preview: ClaimPreview }>(
        `/api/subsidies/classes/${enc(classId)}/preview`,
        { enterpriseCostFen },
        signal,
      ),
    select: (data) => data.preview,
    placeholderData: (previous) => previous,
  });
}

function useClaimMutation<V>(call: (vars: V) => Promise<{ claim: ClaimDetail }>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: ({ claim }) => {
      client.setQueryData([...key, 'claim', claim.id], { claim });
      void client.invalidateQueries({ queryKey: [...key, 'claims'] });
    },
  });
}

export function useSubmitClaim(classId: string) {
  return useClaimMutation((enterpriseCostFen: number | null) =>
    api.post<{ claim: ClaimDetail }>(
      `/api/subsidies/classes/${enc(classId)}/claims`,
      enterpriseCostFen === null ? {} : { enterpriseCostFen },
    ),
  );
}

export function useApproveLines(claimId: string) {
  return useClaimMutation((lineIds: string[] | undefined) =>
    api.post<{ claim: ClaimDetail }>(`/api/subsidies/claims/${enc(claimId)}/approve`, lineIds ? { lineIds } : {}),
  );
}

export function useRejectLine(claimId: string) {
  return useClaimMutation(({ lineId, reason }: { lineId: string; reason: string }) =>
    api.post<{ claim: ClaimDetail }>(`/api/subsidies/claims/${enc(claimId)}/lines/${enc(lineId)}/reject`, {
      reason,
    }),
  );
}

export function useReturnClaim(claimId: string) {
  return useClaimMutation((reason: string) =>
    api.post<{ claim: ClaimDetail }>(`/api/subsidies/claims/${enc(claimId)}/return`, { reason }),
  );
}

export function useResubmitClaim(claimId: string) {
  return useClaimMutation(() => api.post<{ claim: ClaimDetail }>(`/api/subsidies/claims/${enc(claimId)}/resubmit`));
}

export function useMySubsidies() {
  return useQuery({
    queryKey: [...key, 'mine'],
    queryFn: ({ signal }) => api.get<{ subsidies: MySubsidy[] }>('/api/subsidies/mine', undefined, signal),
    select: (data) => data.subsidies,
  });
}

export function useBatches() {
  return useQuery({
    queryKey: [...key, 'batches'],
    queryFn: ({ signal }) => api.get<{ batches: PaymentBatch[] }>('/api/subsidies/batches', undefined, signal),
    select: (data) => data.batches,
  });
}

export function useCreateBatch() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ batch: PaymentBatch }>('/api/subsidies/batches'),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}

export function useMarkPaid() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, voucherNo }: { id: string; voucherNo: string }) =>
      api.post<{ batch: PaymentBatch }>(`/api/subsidies/batches/${enc(id)}/paid`, { voucherNo }),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}

export const batchExportUrl = (id: string) => `/api/subsidies/batches/${enc(id)}/export.xlsx`;
