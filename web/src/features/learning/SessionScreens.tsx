import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useErrorText } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import type { LessonProgress, SessionEnd } from './types';

const REFUSALS = new Set([
  'LEARNING_NOT_ENROLLED', 'LEARNING_CLASS_NOT_APPROVED', 'LEARNING_OUTSIDE_PERIOD', 'LEARNING_EARLIER_LESSON',
  'LEARNING_LESSON_UNAVAILABLE', 'LEARNING_NOT_ALLOWED', 'NOT_FOUND',
]);

/** The server ended this page's session: another lesson was started (one at a time), or it lapsed. */
export function SessionEndedScreen({ end, lessons, onResume, onBack }: { end: SessionEnd; lessons: LessonProgress[] | undefined; onResume: () => void; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const other = lessons?.find((l) => l.lessonId === end.lessonId);
  const subTitle = end.reason === 'superseded'
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
        <Button key="resume" type="primary" onClick={onResume} data-testid="session-resume">{t('learning.ended.resume')}</Button>,
        <Button key="back" onClick={onBack}>{t('learning.player.back')}</Button>,
      ]}
    />
  );
}

/** The server would not start the lesson: not enrolled, outside the period, an earlier lesson first, not ready… */
export function StartRefusedScreen({ error, onRetry, onBack }: { error: unknown; onRetry: () => void; onBack: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const code = isApiError(error) ? error.code : 'UNKNOWN';
  const known = REFUSALS.has(code);
  return (
    <Result
      status={code === 'NOT_FOUND' ? '404' : known ? 'info' : 'warning'}
      title={known ? t(`learning.refused.${code}`) : t('learning.refused.other')}
      subTitle={text(error).message}
      data-testid="learning-refused"
      data-code={code}
      extra={[
        ...(known ? [] : [<Button key="retry" onClick={onRetry}>{t('common.retry')}</Button>]),
        <Button key="back" type="primary" onClick={onBack}>{t('learning.player.back')}</Button>,
      ]}
    />
  );
}
