import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  Certificate,
  CertificateCounts,
  CertificateKey,
  ClassCertificates,
  PublicVerification,
  SkillCertificate,
} from './types';

const enc = encodeURIComponent;
const key = ['certificates'] as const;

export type CertificateQuery = {
  q?: string;
  status?: 'valid' | 'revoked';
  proposed?: boolean;
  page: number;
  pageSize: number;
};

export function useCertificates(query: CertificateQuery) {
  return useQuery({
    queryKey: [...key, 'list', query],
    queryFn: ({ signal }) =>
      api.get<{ items: Certificate[]; total: number }>(
        '/api/certificates',
        { ...query, proposed: query.proposed ? 'true' : undefined },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useCertificateCounts() {
  return useQuery({
    queryKey: [...key, 'counts'],
    queryFn: ({ signal }) => api.get<CertificateCounts>('/api/certificates/counts', undefined, signal),
  });
}

export function useClassCertificates(classId: string) {
  return useQuery({
    queryKey: [...key, 'class', classId],
    queryFn: ({ signal }) => api.get<ClassCertificates>(`/api/classes/${enc(classId)}/certificates`, undefined, signal),
  });
}

export function useIssueAgain(classId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<ClassCertificates>(`/api/classes/${enc(classId)}/certificates/issue`),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}

export function useRevoke() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api.post<{ certificate: Certificate }>(`/api/certificates/${enc(id)}/revoke`, { reason }),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}

export function useSkillCertificates(query: { q?: string; page: number; pageSize: number }, enabled: boolean) {
  return useQuery({
    queryKey: [...key, 'skill', query],
    queryFn: ({ signal }) =>
      api.get<{ items: SkillCertificate[]; total: number }>('/api/skill-certificates', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The public check: no session involved (a 404 is "no such certificate", never a sign-in). */
export function usePublicVerification(number: string) {
  return useQuery({
    queryKey: ['public-verify', number],
    queryFn: ({ signal }) => api.get<PublicVerification>(`/api/public/verify/${enc(number)}`, undefined, signal),
    retry: false,
    enabled: number.length > 0,
  });
}

export function useCertificateKey() {
  return useQuery({
    queryKey: ['public-certificate-key'],
    queryFn: ({ signal }) => api.get<CertificateKey>('/api/public/certificate-key', undefined, signal),
    staleTime: Infinity,
  });
}

export const pdfUrl = (id: string) => `/api/certificates/${enc(id)}/pdf`;
