import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { useErrorText } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { formatDuration } from './reasons';
import type { LessonProgress, SessionEnd } from './types';

const REFUSALS = new Set([
  'LEARNING_NOT_ENROLLED',
  'LEARNING_CLASS_NOT_APPROVED',
  'LEARNING_OUTSIDE_PERIOD',
  'LEARNING_EARLIER_LESSON',
  'LEARNING_LESSON_UNAVAILABLE',
  'LEARNING_NOT_ALLOWED',
  'LEARNING_SUSPENDED',
  'LEARNING_FACE_NOT_ENROLLED',
  'NOT_FOUND',
]);

/** The server ended this page's session: another lesson was started (one at a time), or it lapsed. */
export function SessionEndedScreen({
  end,
  lessons,
  onResume,
  onBack,
}: {
  end: SessionEnd;
  lessons: LessonProgress[] | undefined;
  onResume: () => void;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  if (end.reason === 'face_checks') return <FaceChecksEndedScreen end={end} onResume={onResume} onBack={onBack} />;
  const other = lessons?.find((l) => l.lessonId === end.lessonId);
  const subTitle =
    end.reason === 'superseded'
      ? t('learning.ended.superseded', {
          time: formatDateTime(end.startedAt, i18n.language),
          ip: end.ip ?? '—',
          lesson: other ? t('learning.ended.namedLesson', { title: other.title }) : t('learning.ended.anotherLesson'),
        })
      : t('learning.ended.expired');
  return (
    <Result
      status="warning"
      title={t('learning.ended.title')}
      subTitle={subTitle}
      data-testid="session-ended"
      data-reason={end.reason}
      extra={[
        <Button key="resume" type="primary" onClick={onResume} data-testid="session-resume">
          {t('learning.ended.resume')}
        </Button>,
        <Button key="back" onClick={onBack}>
          {t('learning.player.back')}
        </Button>,
      ]}
    />
  );
}

/** The server would not start the lesson: not enrolled, outside the period, an earlier lesson first, not ready… */
export function StartRefusedScreen({
  error,
  onRetry,
  onBack,
}: {
  error: unknown;
  onRetry: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const text = useErrorText();
  const code = isApiError(error) ? error.code : 'UNKNOWN';
  const known = REFUSALS.has(code);
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <Result
      status={code === 'NOT_FOUND' ? '404' : known ? 'info' : 'warning'}
      title={known ? t(`learning.refused.${code}`) : t('learning.refused.other')}
      subTitle={text(error).message}
      data-testid="learning-refused"
      data-code={code}
      extra={[
        ...(known
          ? []
          : [
              <Button key="retry" onClick={onRetry}>
                {t('common.retry')}
              </Button>,
            ]),
        // No face enrolled yet (the lesson has face checks): the enrolment page brings the learner back here.
        ...(code === 'LEARNING_FACE_NOT_ENROLLED'
          ? [
              <Button
                key="enrol"
                type="primary"
                onClick={() => navigate(`/face-enrolment?next=${encodeURIComponent(pathname)}`)}
                data-testid="learning-enrol-face"
              >
                {t('learning.enrolFace')}
              </Button>,
            ]
          : []),
        <Button key="back" type={code === 'LEARNING_FACE_NOT_ENROLLED' ? 'default' : 'primary'} onClick={onBack}>
          {t('learning.player.back')}
        </Button>,
      ]}
    />
  );
}

/** Missed face checks reached the policy's limit: the lesson must be learnt again, or learning in the class waits for the institution. */
function FaceChecksEndedScreen({
  end,
  onResume,
  onBack,
}: {
  end: SessionEnd;
  onResume: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const suspended = end.consequences?.find((c) => c.kind === 'class_suspended');
  const reset = end.consequences?.find((c) => c.kind === 'lesson_reset');
  const shown = suspended ?? reset;
  const params = shown
    ? {
        misses: shown.misses,
        limit: shown.limit,
        duration: formatDuration(t, reset?.kind === 'lesson_reset' ? reset.revokedMs : 0),
      }
    : {};
  return (
    <Result
      status={suspended ? 'error' : 'warning'}
      title={t(suspended ? 'learning.faceCheck.suspendedTitle' : 'learning.faceCheck.resetTitle')}
      subTitle={t(suspended ? 'learning.faceCheck.suspended' : 'learning.faceCheck.reset', params)}
      data-testid="session-ended"
      data-reason={suspended ? 'class_suspended' : 'lesson_reset'}
      extra={[
        ...(suspended
          ? []
          : [
              <Button key="relearn" type="primary" onClick={onResume} data-testid="session-resume">
                {t('learning.faceCheck.relearn')}
              </Button>,
            ]),
        <Button key="back" type={suspended ? 'primary' : 'default'} onClick={onBack}>
          {t('learning.player.back')}
        </Button>,
      ]}
    />
  );
}
