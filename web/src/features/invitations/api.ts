import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { CreatedInvitation, Invitation, Region, Role } from '../../api/types';

export type InvitationInput = { role: Role; name: string; phone: string; regionCode?: string; institutionId?: string };

export function useInvitations() {
  return useQuery({
    queryKey: ['invitations'],
    queryFn: ({ signal }) => api.get<{ items: Invitation[] }>('/api/invitations', undefined, signal),
  });
}

export function useCreateInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: InvitationInput) => api.post<{ invitation: CreatedInvitation }>('/api/invitations', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['invitations'] }),
  });
}

/** Provinces without a parent, else the direct sub-regions of `parent`. */
export function useRegions(parent: string | null | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['regions', parent ?? ''],
    queryFn: ({ signal }) => api.get<{ items: Region[] }>('/api/regions', { parent }, signal),
    enabled,
    staleTime: 3600_000,
  });
}
