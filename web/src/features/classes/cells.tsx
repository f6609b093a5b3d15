// Table cells shared by the class list and the review queue.
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { useLevels } from '../authoring/api';
import { levelLabel } from '../authoring/CourseFields';
import { OverdueTag } from './StatusTag';
import type { ClassSummary } from './types';

/** A date and time to the minute: deadlines end at 23:59:59, and seconds say nothing to a reader. */
export function formatMinute(value: string | null | undefined, language: string): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

export function OccupationCell({
  summary,
}: {
  summary: Pick<ClassSummary, 'occupationName' | 'occupationCode' | 'level'>;
}) {
  const { i18n } = useTranslation();
  const levels = useLevels();
  return (
    <Flex vertical className="yx-cl-nowrap">
      <span>
        {summary.occupationName}{' '}
        <Typography.Text type="secondary" className="yx-cl-sub">
          {summary.occupationCode}
        </Typography.Text>
      </span>
      <Typography.Text type="secondary" className="yx-cl-sub">
        {levelLabel(levels.data, summary.level, i18n.language)}
      </Typography.Text>
    </Flex>
  );
}

export function PeriodCell({ summary }: { summary: Pick<ClassSummary, 'startDate' | 'endDate'> }) {
  const { t, i18n } = useTranslation();
  return (
    <Flex vertical className="yx-cl-nowrap">
      <span>{formatDate(summary.startDate, i18n.language)}</span>
      <Typography.Text type="secondary" className="yx-cl-sub">
        {t('classes.list.until', { date: formatDate(summary.endDate, i18n.language) })}
      </Typography.Text>
    </Flex>
  );
}

export function SubmittedCell({ summary }: { summary: Pick<ClassSummary, 'submittedAt' | 'reviewDueAt' | 'overdue'> }) {
  const { t, i18n } = useTranslation();
  if (!summary.submittedAt) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical gap={2} className="yx-cl-nowrap">
      <span>{t('classes.list.submittedAt', { time: formatMinute(summary.submittedAt, i18n.language) })}</span>
      {summary.reviewDueAt && (
        <Flex gap={6} align="center">
          <Typography.Text type={summary.overdue ? 'danger' : 'secondary'} className="yx-cl-sub">
            {t('classes.list.dueAt', { time: formatMinute(summary.reviewDueAt, i18n.language) })}
          </Typography.Text>
          {summary.overdue && <OverdueTag />}
        </Flex>
      )}
    </Flex>
  );
}
