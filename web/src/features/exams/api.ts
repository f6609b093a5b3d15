// Queries and calls of the exam API (server/src/modules/exams/exams.routes.ts).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  AttemptView,
  ClassAssessment,
  EventResult,
  ExamView,
  FaceResult,
  GradeResult,
  GradingItem,
  LearnerAssessment,
  PracticalItem,
  PracticeFeedback,
  ReviewItem,
  SaveResult,
} from './types';

export { deviceId } from '../learning/api';

const enc = encodeURIComponent;
export const examsKey = ['exams'] as const;

export function useClassExams(classId: string) {
  return useQuery({
    queryKey: [...examsKey, 'class', classId],
    queryFn: ({ signal }) => api.get<{ items: ExamView[] }>(`/api/classes/${enc(classId)}/exams`, undefined, signal),
    select: (data) => data.items,
  });
}

export function useGradingQueue(examId: string) {
  return useQuery({
    queryKey: [...examsKey, 'grading', examId],
    queryFn: ({ signal }) => api.get<{ items: GradingItem[] }>(`/api/exams/${enc(examId)}/grading`, undefined, signal),
    select: (data) => data.items,
  });
}

export function useClassAssessment(classId: string) {
  return useQuery({
    queryKey: [...examsKey, 'assessment', classId],
    queryFn: ({ signal }) => api.get<ClassAssessment>(`/api/classes/${enc(classId)}/assessment`, undefined, signal),
  });
}

export const examApi = {
  create: (
    classId: string,
    body: {
      paperId: string;
      title: string;
      windowStart: string;
      windowEnd: string;
      timeLimitMinutes: number | null;
      maxAttempts: number | null;
      passMark: number;
    },
  ) => api.post<ExamView>(`/api/classes/${enc(classId)}/exams`, body),
  start: (examId: string, deviceId: string) =>
    api.post<AttemptView>(`/api/exams/${enc(examId)}/attempts`, { deviceId }),
  get: (attemptId: string) => api.get<AttemptView>(`/api/exam-attempts/${enc(attemptId)}`),
  save: (attemptId: string, index: number, answer: string[], deviceId: string) =>
    api.put<SaveResult>(`/api/exam-attempts/${enc(attemptId)}/answers/${index}`, { answer, deviceId }),
  report: (attemptId: string, kind: 'focus_lost' | 'hidden', durationMs: number | null, deviceId: string) =>
    api.post<EventResult>(`/api/exam-attempts/${enc(attemptId)}/events`, { kind, durationMs, deviceId }),
  face: (attemptId: string, frames: string[], deviceId: string) =>
    api.post<FaceResult>(`/api/exam-attempts/${enc(attemptId)}/face`, { frames, deviceId }),
  submit: (attemptId: string, deviceId: string) =>
    api.post<AttemptView>(`/api/exam-attempts/${enc(attemptId)}/submit`, { deviceId }),
  review: (attemptId: string) =>
    api.get<{ attempt: AttemptView; items: ReviewItem[] }>(`/api/exam-attempts/${enc(attemptId)}/review`),
  practice: (attemptId: string, index: number) =>
    api.get<PracticeFeedback>(`/api/exam-attempts/${enc(attemptId)}/practice/${index}`),
  grade: (attemptId: string, index: number, score: number) =>
    api.post<GradeResult>(`/api/exam-attempts/${enc(attemptId)}/answers/${index}/grade`, { score }),
  setItems: (classId: string, items: { title: string; maxScore: number }[]) =>
    api.put<{ items: PracticalItem[] }>(`/api/classes/${enc(classId)}/practical-items`, { items }),
  enterScore: (
    classId: string,
    body: { learnerId: string; itemId: string; score: number; evidenceMediaIds: string[] },
  ) => api.post<LearnerAssessment>(`/api/classes/${enc(classId)}/practical-scores`, body),
};
