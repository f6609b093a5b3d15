import { Badge, Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { DeadlineQueue } from '../../ui/DeadlineQueue';
import { PageHeader } from '../../ui/PageHeader';
import { useChangeQueue, useReviewQueue } from './api';
import { ChangeReviewQueue } from './ChangeReviewQueue';
import { OccupationCell, PeriodCell } from './cells';
import type { ClassSummary } from './types';
import './classes.css';

/** Applications waiting for the regulator, oldest deadline first (the server's order), overdue ones in red. */
function ClassQueue() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queue = useReviewQueue();
  const link = (c: ClassSummary, className: string) => (
    <Link
      to={`/reviews/${c.id}`}
      className={className}
      data-testid="queue-link"
      onClick={(event) => event.stopPropagation()}
    >
      {c.name}
    </Link>
  );
  return (
    <DeadlineQueue<ClassSummary>
      items={queue.data}
      fetching={queue.isFetching}
      error={queue.error}
      intro={t('classes.review.intro')}
      count={(count, overdue) => t('classes.review.queueCount', { count, overdue })}
      empty={t('classes.review.empty')}
      deadlineTitle={t('classes.review.deadline')}
      submitted={(time) => t('classes.list.submittedAt', { time })}
      columns={[
        {
          key: 'name',
          title: t('classes.list.name'),
          render: (c) => link(c, 'yx-cl-queue-name yx-cl-queue-name-cell'),
        },
        {
          key: 'institution',
          title: t('classes.list.institution'),
          render: (c) => <span className="yx-cl-institution">{c.institutionName}</span>,
        },
        { key: 'occupation', title: t('classes.list.occupation'), render: (c) => <OccupationCell summary={c} /> },
        { key: 'period', title: t('classes.list.period'), render: (c) => <PeriodCell summary={c} /> },
        { key: 'learners', title: t('classes.list.learners'), align: 'right', render: (c) => c.learnerCount },
      ]}
      card={(c) => (
        <>
          {link(c, 'yx-cl-queue-name yx-cl-queue-card-name')}
          <Typography.Text type="secondary">{c.institutionName}</Typography.Text>
          <Flex gap={16} wrap>
            <OccupationCell summary={c} />
            <PeriodCell summary={c} />
          </Flex>
          <Typography.Text type="secondary" className="yx-cl-sub">
            {t('classes.list.learners')} {c.learnerCount}
          </Typography.Text>
        </>
      )}
      onOpen={(c) => navigate(`/reviews/${c.id}`)}
      testIds={{ row: 'queue-row', count: 'queue-count' }}
    />
  );
}

/** The regulator's queue: class applications, and change requests of approved classes (?tab=changes). */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'changes' ? 'changes' : 'classes';
  const classes = useReviewQueue();
  const changes = useChangeQueue();
  const label = (text: string, items: { overdue: boolean }[] | undefined, testId: string) => (
    <Flex gap={6} align="center" data-testid={testId}>
      {text}
      {items && items.length > 0 && (
        <Badge count={items.length} color={items.some((i) => i.overdue) ? 'red' : 'blue'} />
      )}
    </Flex>
  );
  return (
    <>
      <PageHeader title={t('classes.review.title')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'changes' ? { tab: 'changes' } : {}, { replace: true })}
        className="yx-cl-tabs"
        items={[
          {
            key: 'classes',
            label: label(t('classes.review.tabClasses'), classes.data, 'tab-class-queue'),
            children: <ClassQueue />,
          },
          {
            key: 'changes',
            label: label(t('classes.review.tabChanges'), changes.data, 'tab-change-queue'),
            children: <ChangeReviewQueue />,
          },
        ]}
      />
    </>
  );
}
