import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, readCookie } from '../../api/client';
import { toApiError } from '../../api/errors';
import type { Me } from '../../api/types';
import i18n from '../../i18n';
import type {
  AdminFields,
  Application,
  Decision,
  DocumentKind,
  InstitutionDocument,
  InstitutionFields,
  InstitutionStatus,
  InstitutionSummary,
  Oversight,
  Registered,
} from './types';

const enc = encodeURIComponent;
export const applicationKey = (id: string) => ['institutions', 'application', id] as const;

export function useInstitutions(q?: string, enabled = true, status?: InstitutionStatus) {
  return useQuery({
    queryKey: ['institutions', 'list', q ?? '', status ?? 'all'],
    queryFn: ({ signal }) => api.get<{ items: InstitutionSummary[] }>('/api/institutions', { q, status }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useInstitutionQueue() {
  return useQuery({
    queryKey: ['institutions', 'queue'],
    queryFn: ({ signal }) =>
      api.get<{ items: InstitutionSummary[] }>('/api/institutions/review-queue', undefined, signal),
    select: (data) => data.items,
  });
}

export function useApplication(id: string | null | undefined) {
  return useQuery({
    queryKey: applicationKey(id ?? ''),
    queryFn: ({ signal }) =>
      api.get<{ application: Application }>(`/api/institutions/${enc(id ?? '')}/application`, undefined, signal),
    enabled: !!id,
    select: (data) => data.application,
  });
}

/**
 * Whether the signed-in person is the administrator of an institution that is not active (an application in
 * progress, rejected or suspended): such a person is led to the application page and shown only what it allows.
 */
export function useRestrictedInstitution(me: Me | undefined): { restricted: boolean; loading: boolean } {
  const own = me?.user.role === 'institution_admin' ? me.user.institutionId : null;
  const application = useApplication(own);
  if (!own) return { restricted: false, loading: false };
  if (!application.data) return { restricted: false, loading: application.isPending };
  return { restricted: application.data.status !== 'active', loading: false };
}

/** A write answering with the application: the cached one is replaced and lists ask again. */
function useApplicationMutation<V>(call: (vars: V) => Promise<{ application: Application }>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (result) => {
      client.setQueryData(applicationKey(result.application.id), result);
      return client.invalidateQueries({
        queryKey: ['institutions'],
        predicate: (q) => q.queryKey[1] !== 'application',
      });
    },
  });
}

export function useRegisterInstitution() {
  return useMutation({
    mutationFn: (input: { institution: InstitutionFields; admin: AdminFields }) =>
      api.post<Registered>('/api/institution-applications', input),
  });
}

export function useUpdateApplication() {
  return useApplicationMutation(({ id, input }: { id: string; input: InstitutionFields }) =>
    api.put<{ application: Application }>(`/api/institutions/${enc(id)}/application`, input),
  );
}

export function useSubmitApplication() {
  return useApplicationMutation((id: string) =>
    api.post<{ application: Application }>(`/api/institutions/${enc(id)}/submit`),
  );
}

export function useDecideApplication() {
  return useApplicationMutation(({ id, decision, comment }: { id: string; decision: Decision; comment: string }) =>
    api.post<{ application: Application }>(`/api/institutions/${enc(id)}/${decision}`, { comment }),
  );
}

export function useOversee() {
  return useApplicationMutation(({ id, action, reason }: { id: string; action: Oversight; reason: string }) =>
    api.post<{ application: Application }>(`/api/institutions/${enc(id)}/${action}`, { reason }),
  );
}

export function useDeleteDocument(institutionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (documentId: string) =>
      api.delete<void>(`/api/institutions/${enc(institutionId)}/documents/${enc(documentId)}`),
    onSettled: () => client.invalidateQueries({ queryKey: applicationKey(institutionId) }),
  });
}

/** Sends the file as the raw body; the server decides its type from the content. */
async function uploadDocument(institutionId: string, kind: DocumentKind, file: File): Promise<InstitutionDocument> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'x-locale': i18n.language || 'zh-CN',
    'content-type': file.type || 'application/octet-stream',
  };
  const csrf = readCookie('yx_csrf');
  if (csrf) headers['x-csrf-token'] = csrf;
  let response: Response;
  try {
    response = await fetch(`/api/institutions/${enc(institutionId)}/documents?kind=${kind}&name=${enc(file.name)}`, {
      method: 'POST',
      headers,
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: i18n.t('errors.network') });
  }
  if (!response.ok) throw await toApiError(response);
  return ((await response.json()) as { document: InstitutionDocument }).document;
}

export function useUploadDocument(institutionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: DocumentKind; file: File }) => uploadDocument(institutionId, kind, file),
    onSettled: () => client.invalidateQueries({ queryKey: applicationKey(institutionId) }),
  });
}

export type TrainingRoom = {
  id: string;
  institutionId: string;
  name: string;
  cidr: string;
  seats: number;
  createdAt: string;
  updatedAt: string;
};
export type TrainingRoomInput = { name: string; cidr: string; seats: number };
const roomsKey = (id: string) => ['institutions', 'training-rooms', id] as const;

/** The institution's declared training rooms (its administrators; regulators of the subtree read them). */
export function useTrainingRooms(institutionId: string) {
  return useQuery({
    queryKey: roomsKey(institutionId),
    queryFn: ({ signal }) =>
      api.get<{ items: TrainingRoom[] }>(`/api/institutions/${enc(institutionId)}/training-rooms`, undefined, signal),
    select: (data) => data.items,
  });
}

export function useSaveTrainingRoom(institutionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: TrainingRoomInput }) =>
      id
        ? api.patch<{ room: TrainingRoom }>(`/api/institutions/${enc(institutionId)}/training-rooms/${enc(id)}`, input)
        : api.post<{ room: TrainingRoom }>(`/api/institutions/${enc(institutionId)}/training-rooms`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: roomsKey(institutionId) }),
  });
}

export function useDeleteTrainingRoom(institutionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/institutions/${enc(institutionId)}/training-rooms/${enc(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: roomsKey(institutionId) }),
  });
}
