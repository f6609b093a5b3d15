import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Flex, Progress, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { formatDate } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { useClassProgress, useLearnerClass } from './api';
import { LessonList } from './LessonList';
import { formatDuration, percent } from './reasons';
import { SessionRecords } from './SessionRecords';
import type { LessonProgress } from './types';
import './learning.css';

function Summary({ items }: { items: LessonProgress[] }) {
  const { t } = useTranslation();
  const credited = items.reduce((sum, l) => sum + l.creditedMs, 0);
  const total = items.reduce((sum, l) => sum + (l.durationMs ?? 0), 0);
  const done = items.filter((l) => l.complete).length;
  return (
    <Card size="small" className="yx-learn-summary" data-testid="learning-summary">
      <Flex align="center" gap={16} wrap>
        <Progress type="circle" size={64} percent={percent(done, items.length)} />
        <Flex vertical gap={2}>
          <Typography.Text strong data-testid="lessons-done" data-done={done} data-total={items.length}>
            {t('learning.list.done', { done, total: items.length })}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('learning.list.credited', { credited: formatDuration(t, credited), total: formatDuration(t, total) })}
          </Typography.Text>
        </Flex>
      </Flex>
    </Card>
  );
}

/** A learner's lessons in one class, with progress and the way into the player; and their own learning records. */
export function LessonListPage() {
  const { classId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'records' ? 'records' : 'lessons';
  const progress = useClassProgress(classId);
  const klass = useLearnerClass(classId);

  return (
    <div className="yx-learn-list" data-testid="learning-lessons-page">
      <Link to={`/my/classes/${encodeURIComponent(classId)}`} className="yx-learn-back">
        <ArrowLeftOutlined /> {t('learning.list.back')}
      </Link>
      <PageHeader
        title={<span data-testid="learning-class-name">{klass.data?.name ?? t('learning.list.title')}</span>}
      />
      {klass.data && (
        <Typography.Paragraph type="secondary" className="yx-learn-period">
          {t('learning.list.period', {
            start: formatDate(klass.data.startDate, i18n.language),
            end: formatDate(klass.data.endDate, i18n.language),
          })}
        </Typography.Paragraph>
      )}
      <QueryState loading={progress.isLoading} error={progress.error} onRetry={() => void progress.refetch()}>
        {progress.data && <Summary items={progress.data} />}
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'records' ? { tab: 'records' } : {}, { replace: true })}
          items={[
            {
              key: 'lessons',
              label: t('learning.list.lessonsTab'),
              children: <LessonList classId={classId} items={progress.data ?? []} />,
            },
            { key: 'records', label: t('learning.list.recordsTab'), children: <SessionRecords classId={classId} /> },
          ]}
        />
      </QueryState>
    </div>
  );
}
