import { CheckCircleOutlined, ClockCircleOutlined, CloudSyncOutlined, DisconnectOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Flex, Input, Radio, Result, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { ErrorAlert, useErrorText } from '../../ui/ErrorAlert';
import { FaceCheckDialog } from '../learning/FaceCheckDialog';
import type { AnswerReply, CheckView } from '../learning/types';
import { deviceId, examApi, useClassExams } from './api';
import { Autosave } from './autosave';
import type { AttemptView, PracticeFeedback, SaveState } from './types';
import './exams.css';

/** mm:ss (or h:mm:ss) of a number of milliseconds. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/**
 * Taking an exam: the attempt as the server holds it (a reload or a crash resumes it with the time left), the face check
 * at the start and when one is due, the server's countdown, every answer saved as it is given with its state shown,
 * reconnection while offline, focus losses reported, and the result after submission.
 */
export function ExamTakePage() {
  const { examId = '', classId = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const device = useMemo(() => deviceId(), []);
  const [attempt, setAttempt] = useState<AttemptView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [answers, setAnswers] = useState<Record<number, string[]>>({});
  const [states, setStates] = useState<Record<number, SaveState>>({});
  const [feedback, setFeedback] = useState<Record<number, PracticeFeedback>>({});
  const [warning, setWarning] = useState<string | null>(null);
  // The server's time left when it last said so, and when (this page's monotonic clock).
  const [anchor, setAnchor] = useState<{ remainingMs: number; at: number } | null>(null);
  const [now, setNow] = useState(() => performance.now());
  const [submitting, setSubmitting] = useState(false);
  const autosave = useRef<Autosave | null>(null);
  const back = `/my/classes/${classId}/exams`;
  const textTimers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const adopt = useCallback((view: AttemptView) => {
    setAttempt(view);
    setAnchor(view.remainingMs === null ? null : { remainingMs: view.remainingMs, at: performance.now() });
    setAnswers((current) => {
      const next = { ...current };
      for (const saved of view.saved) if (!(saved.index in next)) next[saved.index] = saved.answer;
      return next;
    });
    setStates((current) => {
      const next = { ...current };
      for (const saved of view.saved) if (!(saved.index in next)) next[saved.index] = 'saved';
      return next;
    });
  }, []);

  const reload = useCallback(async () => {
    try {
      adopt(await examApi.start(examId, device));
      setError(null);
    } catch (e) {
      // A finished attempt cannot be started again; show it if we know it.
      if (attempt && isApiError(e)) adopt(await examApi.get(attempt.id));
      else setError(e);
    }
  }, [adopt, attempt, device, examId]);

  // On opening, a running attempt is resumed at once (a reload or a crash); a new one starts only on the learner's word.
  const exams = useClassExams(classId);
  const exam = exams.data?.find((e) => e.id === examId) ?? null;
  const resumable = !!exam?.mine?.running;
  useEffect(() => {
    if (resumable && !attempt) void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resumable]);

  const attemptId = attempt?.id ?? null;
  const running = attempt?.status === 'open';

  useEffect(() => {
    if (!attemptId) return;
    const saver = new Autosave(
      (index, answer) => examApi.save(attemptId, index, answer, device),
      (index, state, remainingMs) => {
        setStates((s) => ({ ...s, [index]: state }));
        if (remainingMs !== null) setAnchor({ remainingMs, at: performance.now() });
        if (state === 'refused') void examApi.get(attemptId).then(adopt);
      },
    );
    autosave.current = saver;
    return () => saver.stop();
  }, [attemptId, device, adopt]);

  // The countdown ticks locally from the server's figure; at zero the server has submitted: fetch what it holds.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(performance.now()), 500);
    return () => clearInterval(timer);
  }, [running]);
  const remaining = anchor ? Math.max(0, anchor.remainingMs - (now - anchor.at)) : null;
  useEffect(() => {
    if (running && remaining === 0 && attemptId) void examApi.get(attemptId).then(adopt);
  }, [running, remaining, attemptId, adopt]);

  // Focus lost and the page hidden are reported while the attempt runs (the server counts, warns and may submit).
  useEffect(() => {
    if (!running || !attemptId) return;
    let hiddenAt: number | null = null;
    const report = async (kind: 'focus_lost' | 'hidden', durationMs: number | null) => {
      try {
        const result = await examApi.report(attemptId, kind, durationMs, device);
        if (result.submitted) void examApi.get(attemptId).then(adopt);
        else if (result.decision === 'warn')
          setWarning(t('exams.take.focusWarning', { count: result.count, limit: attempt?.focus.limit ?? 0 }));
      } catch {
        // Offline: the next report or a resume carries on.
      }
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') hiddenAt = performance.now();
      else if (hiddenAt !== null) {
        void report('hidden', Math.round(performance.now() - hiddenAt));
        hiddenAt = null;
      }
    };
    const onBlur = () => {
      if (document.visibilityState === 'visible') void report('focus_lost', null);
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('blur', onBlur);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('blur', onBlur);
    };
  }, [running, attemptId, device, adopt, t, attempt?.focus.limit]);

  const give = (index: number, answer: string[], typed = false) => {
    setAnswers((a) => ({ ...a, [index]: answer }));
    const send = () => autosave.current?.give(index, answer);
    const timers = textTimers.current;
    clearTimeout(timers.get(index));
    if (typed) timers.set(index, setTimeout(send, 800));
    else send();
  };

  const submit = () => {
    if (!attempt) return;
    const unanswered = attempt.items.length - Object.keys(answers).length;
    modal.confirm({
      title: t('exams.take.submitTitle'),
      content: unanswered > 0 ? t('exams.take.unanswered', { count: unanswered }) : t('exams.take.submitConfirm'),
      okText: t('exams.take.submit'),
      cancelText: t('exams.take.keepGoing'),
      onOk: async () => {
        setSubmitting(true);
        try {
          adopt(await examApi.submit(attempt.id, device));
        } catch (e) {
          void message.error(errorText(e).message);
        } finally {
          setSubmitting(false);
        }
      },
    });
  };

  const practiceCheck = async (index: number) => {
    if (!attempt) return;
    try {
      const result = await examApi.practice(attempt.id, index);
      setFeedback((f) => ({ ...f, [index]: result }));
    } catch (e) {
      void message.error(errorText(e).message);
    }
  };

  if (error) return <ErrorAlert error={error} />;
  if (exams.error) return <ErrorAlert error={exams.error} />;
  if (!attempt && exam && !resumable) {
    const left = exam.maxAttempts === null ? null : exam.maxAttempts - (exam.mine?.attempts ?? 0);
    return (
      <Card className="yx-exam-card" title={exam.title} data-testid="exam-intro">
        <Space direction="vertical">
          <Tag color={exam.kind === 'formal' ? 'red' : 'blue'}>{t(`exams.kind.${exam.kind}`)}</Tag>
          <span>
            {exam.timeLimitMinutes === null
              ? t('exams.list.noLimit')
              : t('exams.list.limit', { minutes: exam.timeLimitMinutes })}{' '}
            · {t('exams.list.passMark', { mark: exam.passMark })}
            {left !== null && <> · {t('exams.list.attemptsLeft', { count: Math.max(0, left) })}</>}
          </span>
          {exam.mine?.counted && (
            <Typography.Text>
              {exam.mine.counted.mark === null
                ? t('exams.list.grading')
                : t('exams.list.counted', { mark: exam.mine.counted.mark })}
            </Typography.Text>
          )}
          {exam.kind === 'formal' && <Alert type="info" showIcon title={t('exams.take.rules')} />}
          <Space wrap>
            <Button onClick={() => navigate(back)}>{t('exams.take.back')}</Button>
            <Button type="primary" disabled={left === 0} onClick={() => void reload()} data-testid="exam-start">
              {t('exams.list.start')}
            </Button>
          </Space>
        </Space>
      </Card>
    );
  }
  if (!attempt) return <Spin className="yx-exam-loading" />;

  const check = attempt.faceCheck;
  const checkView: CheckView | null = check
    ? {
        id: check.id,
        kind: 'face',
        code: null,
        // The start has no clock yet: show the response time the policy allows during the exam.
        deadline: check.deadline ?? new Date(Date.now() + 5 * 60_000).toISOString(),
        failed: false,
        attemptsLeft: 1,
        action: check.action,
      }
    : null;
  const answerFace = async (frames: string[]): Promise<AnswerReply> => {
    const result = await examApi.face(attempt.id, frames, device);
    adopt(result.attempt);
    return {
      result: result.outcome === 'pass' ? 'passed' : result.outcome === 'fail' ? 'wrong' : 'retake',
      face: { outcome: result.outcome, reason: result.reason },
    };
  };

  const waiting = Object.values(states).filter((s) => s === 'saving' || s === 'offline').length;
  const offline = Object.values(states).some((s) => s === 'offline');

  if (attempt.status === 'submitted' || attempt.status === 'graded') {
    const o = attempt.outcome!;
    return (
      <Card className="yx-exam-card" data-testid="exam-result">
        <Result
          status={o.passed === null ? 'info' : o.passed ? 'success' : 'warning'}
          title={
            o.mark === null
              ? t('exams.result.pending', { count: o.pendingManual })
              : t('exams.result.mark', { mark: o.mark })
          }
          subTitle={t(`exams.result.by.${o.submittedBy}`)}
          extra={
            <Space wrap>
              <Button onClick={() => navigate(back)}>{t('exams.take.back')}</Button>
              <Link to={`/my/classes/${classId}/exams/review/${attempt.id}`}>
                <Button type="primary">{t('exams.result.review')}</Button>
              </Link>
            </Space>
          }
        />
      </Card>
    );
  }

  return (
    <div className="yx-exam">
      <div className="yx-exam-bar" data-testid="exam-bar">
        <Typography.Title level={4} className="yx-exam-title">
          {attempt.title}
        </Typography.Title>
        <Flex gap={8} wrap align="center">
          {remaining !== null && (
            <Tag
              icon={<ClockCircleOutlined />}
              color={remaining < 5 * 60_000 ? 'error' : 'processing'}
              className="yx-exam-clock"
              data-testid="exam-countdown"
            >
              {clock(remaining)}
            </Tag>
          )}
          {offline ? (
            <Tag icon={<DisconnectOutlined />} color="warning" data-testid="exam-offline">
              {t('exams.take.offline', { count: waiting })}
            </Tag>
          ) : waiting > 0 ? (
            <Tag icon={<CloudSyncOutlined spin />}>{t('exams.take.saving')}</Tag>
          ) : (
            <Tag icon={<CheckCircleOutlined />} color="success" data-testid="exam-all-saved">
              {t('exams.take.allSaved')}
            </Tag>
          )}
          <Button type="primary" loading={submitting} onClick={submit} disabled={!running} data-testid="exam-submit">
            {t('exams.take.submit')}
          </Button>
        </Flex>
      </div>
      {warning && <Alert type="warning" showIcon closable title={warning} onClose={() => setWarning(null)} />}
      {offline && (
        <Alert type="warning" showIcon title={t('exams.take.reconnecting')} data-testid="exam-reconnecting" />
      )}
      {attempt.status === 'awaiting_face' && (
        <Alert type="info" showIcon title={t('exams.take.faceFirst')} data-testid="exam-face-first" />
      )}
      <Space direction="vertical" size={12} className="yx-exam-items">
        {attempt.items.map((item) => {
          const answer = answers[item.index] ?? [];
          const state = states[item.index];
          const disabled = !running;
          return (
            <Card
              key={item.index}
              size="small"
              className="yx-exam-item"
              data-testid={`exam-item-${item.index}`}
              title={
                <Flex justify="space-between" gap={8} wrap>
                  <span>
                    {item.index + 1}. {t(`exams.type.${item.type}`)} · {t('exams.take.points', { score: item.score })}
                  </span>
                  {state && (
                    <Tag
                      color={state === 'saved' ? 'success' : state === 'refused' ? 'error' : 'default'}
                      data-testid={state === 'saved' ? 'exam-item-saved' : undefined}
                    >
                      {t(`exams.save.${state}`)}
                    </Tag>
                  )}
                </Flex>
              }
            >
              <Typography.Paragraph className="yx-exam-stem">{item.stem}</Typography.Paragraph>
              {item.type === 'multiple' ? (
                <Checkbox.Group
                  disabled={disabled}
                  value={answer}
                  onChange={(v) => give(item.index, v.slice().sort())}
                  className="yx-exam-options"
                  options={item.options.map((o) => ({ value: o.key, label: `${o.key}. ${o.text}` }))}
                />
              ) : item.options.length > 0 ? (
                <Radio.Group
                  disabled={disabled}
                  value={answer[0]}
                  onChange={(e) => give(item.index, [e.target.value as string])}
                  className="yx-exam-options"
                  options={item.options.map((o) => ({ value: o.key, label: `${o.key}. ${o.text}` }))}
                />
              ) : item.type === 'true_false' ? (
                <Radio.Group
                  disabled={disabled}
                  value={answer[0]}
                  onChange={(e) => give(item.index, [e.target.value as string])}
                  className="yx-exam-options"
                  options={(['true', 'false'] as const).map((v) => ({ value: v, label: t(`exams.take.${v}`) }))}
                />
              ) : item.type === 'short_answer' ? (
                <Input.TextArea
                  disabled={disabled}
                  rows={4}
                  maxLength={2000}
                  value={answer[0] ?? ''}
                  onChange={(e) => give(item.index, [e.target.value], true)}
                />
              ) : (
                <Input
                  disabled={disabled}
                  maxLength={200}
                  value={answer[0] ?? ''}
                  onChange={(e) => give(item.index, [e.target.value], true)}
                />
              )}
              {attempt.kind === 'practice' && state === 'saved' && (
                <div className="yx-exam-practice">
                  {feedback[item.index] ? (
                    <Alert
                      type={feedback[item.index].correct ? 'success' : 'info'}
                      showIcon
                      title={
                        feedback[item.index].correct === null
                          ? t('exams.practice.reference', { answer: feedback[item.index].correctAnswer.join('、') })
                          : feedback[item.index].correct
                            ? t('exams.practice.right')
                            : t('exams.practice.wrong', { answer: feedback[item.index].correctAnswer.join('、') })
                      }
                      description={feedback[item.index].explanation}
                    />
                  ) : (
                    <Button size="small" onClick={() => void practiceCheck(item.index)}>
                      {t('exams.practice.show')}
                    </Button>
                  )}
                </div>
              )}
            </Card>
          );
        })}
      </Space>
      {checkView && (
        <FaceCheckDialog
          check={checkView}
          onAnswer={answerFace}
          onRetry={async () => adopt(await examApi.get(attempt.id))}
          onLeave={() => navigate(back)}
          exam={check?.moment ?? 'start'}
        />
      )}
    </div>
  );
}
