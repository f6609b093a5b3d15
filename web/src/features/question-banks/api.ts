import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import i18n from '../../i18n';
import { api, ApiError, readCookie } from '../../api/client';
import { toApiError } from '../../api/errors';
import type {
  BankDetail,
  BankSummary,
  FileFormat,
  ImportMode,
  PaperInput,
  PaperPreview,
  PaperView,
  QuestionImportReport,
  QuestionInput,
  QuestionView,
} from './types';

const enc = encodeURIComponent;
const banksKey = ['question-banks'] as const;
const papersKey = ['papers'] as const;

export function useBanks() {
  return useQuery({
    queryKey: [...banksKey, 'list'],
    queryFn: ({ signal }) => api.get<{ items: BankSummary[] }>('/api/question-banks', undefined, signal),
    select: (d) => d.items,
  });
}

export function useBank(id: string) {
  return useQuery({
    queryKey: [...banksKey, id],
    queryFn: ({ signal }) => api.get<BankDetail>(`/api/question-banks/${enc(id)}`, undefined, signal),
  });
}

export function useQuestions(bankId: string, retired = false) {
  return useQuery({
    queryKey: [...banksKey, bankId, 'questions', retired],
    queryFn: ({ signal }) =>
      api.get<{ items: QuestionView[] }>(
        `/api/question-banks/${enc(bankId)}/questions`,
        { retired: String(retired) },
        signal,
      ),
    select: (d) => d.items,
  });
}

export function useCreateBank() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; occupationCode: string; level: number }) =>
      api.post<BankDetail>('/api/question-banks', input),
    onSuccess: () => client.invalidateQueries({ queryKey: banksKey }),
  });
}

export function useSaveQuestion(bankId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, input }: { id?: string; version?: number; input: QuestionInput }) =>
      id
        ? api.put<QuestionView>(`/api/questions/${enc(id)}`, { content: input, expectedVersion: version })
        : api.post<QuestionView>(`/api/question-banks/${enc(bankId)}/questions`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: banksKey }),
  });
}

export function useRetire() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, retired }: { id: string; retired: boolean }) =>
      api.post<undefined>(`/api/questions/${enc(id)}/retire`, { retired }),
    onSuccess: () => client.invalidateQueries({ queryKey: banksKey }),
  });
}

export const exportUrl = (bankId: string, format: FileFormat) =>
  `/api/question-banks/${enc(bankId)}/export?format=${format}`;
export const templateUrl = (bankId: string) => `/api/question-banks/${enc(bankId)}/template.xlsx`;

/** Sends the file as the raw body; the answer is the report, question by question. */
async function postFile(bankId: string, file: File, mode: ImportMode): Promise<QuestionImportReport> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'x-locale': i18n.language || 'zh-CN',
    'content-type': file.type || 'application/octet-stream',
  };
  const csrf = readCookie('yx_csrf');
  if (csrf) headers['x-csrf-token'] = csrf;
  const query = new URLSearchParams({ mode, name: file.name });
  let response: Response;
  try {
    response = await fetch(`/api/question-banks/${enc(bankId)}/import?${query.toString()}`, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new ApiError(0, { code: 'NETWORK_ERROR', message: i18n.t('errors.network') });
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401) void api.get('/api/auth/me').catch(() => undefined);
    throw error;
  }
  return (await response.json()) as QuestionImportReport;
}

export function useImportQuestions(bankId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, mode }: { file: File; mode: ImportMode }) => postFile(bankId, file, mode),
    onSuccess: (report) => (report.mode === 'check' ? undefined : client.invalidateQueries({ queryKey: banksKey })),
  });
}

export function usePapers() {
  return useQuery({
    queryKey: [...papersKey, 'list'],
    queryFn: ({ signal }) => api.get<{ items: PaperView[] }>('/api/papers', undefined, signal),
    select: (d) => d.items,
  });
}

export function usePaper(id: string | undefined) {
  return useQuery({
    queryKey: [...papersKey, id],
    queryFn: ({ signal }) => api.get<PaperView>(`/api/papers/${enc(id ?? '')}`, undefined, signal),
    enabled: !!id,
  });
}

export function useSavePaper() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: PaperInput }) =>
      id ? api.put<PaperView>(`/api/papers/${enc(id)}`, input) : api.post<PaperView>('/api/papers', input),
    onSuccess: () => client.invalidateQueries({ queryKey: papersKey }),
  });
}

export function usePreviewPaper() {
  return useMutation({
    mutationFn: (input: PaperInput) =>
      api.post<PaperPreview>('/api/papers/preview', { paper: input, seed: `preview-${Date.now()}` }),
  });
}
