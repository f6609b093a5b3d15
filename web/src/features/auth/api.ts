// Requests of the pages used before signing in (password reset, invitations).
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { PublicInvitation, User } from '../../api/types';

export function useRequestResetCode() {
  return useMutation({
    mutationFn: (phone: string) =>
      api.post<{ sent: boolean; expiresInSeconds: number }>('/api/auth/password-reset/request', { phone }),
  });
}

export function useConfirmReset() {
  return useMutation({
    mutationFn: (input: { phone: string; code: string; newPassword: string }) =>
      api.post<void>('/api/auth/password-reset/confirm', input),
  });
}

export function useInvitation(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: ({ signal }) =>
      api.get<{ invitation: PublicInvitation }>(`/api/invitations/${encodeURIComponent(token)}`, undefined, signal),
  });
}

export function useAcceptInvitation(token: string) {
  return useMutation({
    mutationFn: (input: { idNumber: string; password: string }) =>
      api.post<{ user: User }>(`/api/invitations/${encodeURIComponent(token)}/accept`, input),
  });
}
