import { Badge, Card, Flex, List, Table, Tabs, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useIsMobile';
import { useChangeQueue, useReviewQueue } from './api';
import { ChangeReviewQueue } from './ChangeReviewQueue';
import { formatMinute, OccupationCell, PeriodCell } from './cells';
import { OverdueTag } from './StatusTag';
import type { ClassSummary } from './types';
import './classes.css';

function Deadline({ summary }: { summary: ClassSummary }) {
  const { i18n } = useTranslation();
  return (
    <Flex gap={6} align="center" wrap className="yx-cl-nowrap">
      <Typography.Text type={summary.overdue ? 'danger' : undefined} strong={summary.overdue}>
        {formatMinute(summary.reviewDueAt, i18n.language)}
      </Typography.Text>
      {summary.overdue && <OverdueTag />}
    </Flex>
  );
}

/** On a phone each application is a card: the deadline, the class, who applied, what and when. */
function QueueCards({ items, loading }: { items: ClassSummary[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  return (
    <List
      dataSource={items}
      loading={loading}
      locale={{ emptyText: t('classes.review.empty') }}
      split={false}
      renderItem={(c) => (
        <List.Item className="yx-cl-queue-item">
          <Card
            size="small"
            hoverable
            className={`yx-cl-queue-card${c.overdue ? ' yx-cl-queue-card-overdue' : ''}`}
            onClick={() => navigate(`/reviews/${c.id}`)}
            data-testid="queue-row"
            data-overdue={String(c.overdue)}
          >
            <Flex vertical gap={6}>
              <Deadline summary={c} />
              <Link
                to={`/reviews/${c.id}`}
                className="yx-cl-queue-name"
                data-testid="queue-link"
                onClick={(event) => event.stopPropagation()}
              >
                {c.name}
              </Link>
              <Typography.Text type="secondary">{c.institutionName}</Typography.Text>
              <Flex gap={16} wrap>
                <OccupationCell summary={c} />
                <PeriodCell summary={c} />
              </Flex>
              <Typography.Text type="secondary" className="yx-cl-sub">
                {t('classes.list.learners')} {c.learnerCount} ·{' '}
                {t('classes.list.submittedAt', { time: formatMinute(c.submittedAt, i18n.language) })}
              </Typography.Text>
            </Flex>
          </Card>
        </List.Item>
      )}
    />
  );
}

/** Applications waiting for the regulator, oldest deadline first (the server's order), overdue ones in red. */
function ClassQueue() {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const queue = useReviewQueue();
  const items = queue.data ?? [];
  const overdue = items.filter((c) => c.overdue).length;

  const columns: TableProps<ClassSummary>['columns'] = [
    {
      key: 'deadline',
      title: t('classes.review.deadline'),
      fixed: 'left',
      render: (_, c) => (
        <Flex vertical gap={2}>
          <Deadline summary={c} />
          <Typography.Text type="secondary" className="yx-cl-sub yx-cl-nowrap">
            {t('classes.list.submittedAt', { time: formatMinute(c.submittedAt, i18n.language) })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'name',
      title: t('classes.list.name'),
      render: (_, c) => (
        <Link
          to={`/reviews/${c.id}`}
          className="yx-cl-queue-name yx-cl-queue-name-cell"
          data-testid="queue-link"
          onClick={(event) => event.stopPropagation()}
        >
          {c.name}
        </Link>
      ),
    },
    {
      key: 'institution',
      title: t('classes.list.institution'),
      dataIndex: 'institutionName',
      render: (name: string) => <span className="yx-cl-institution">{name}</span>,
    },
    { key: 'occupation', title: t('classes.list.occupation'), render: (_, c) => <OccupationCell summary={c} /> },
    { key: 'period', title: t('classes.list.period'), render: (_, c) => <PeriodCell summary={c} /> },
    { key: 'learners', title: t('classes.list.learners'), dataIndex: 'learnerCount', align: 'right' },
  ];

  return (
    <>
      <Card>
        <Flex justify="space-between" gap={12} wrap style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('classes.review.intro')}</Typography.Text>
          {queue.data && (
            <Typography.Text type={overdue > 0 ? 'danger' : 'secondary'} data-testid="queue-count">
              {t('classes.review.queueCount', { count: items.length, overdue })}
            </Typography.Text>
          )}
        </Flex>
        <ErrorAlert error={queue.error} className="yx-form-alert" />
        {mobile ? (
          <QueueCards items={items} loading={queue.isFetching && !queue.data} />
        ) : (
          <Table<ClassSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={queue.isFetching && !queue.data}
            scroll={{ x: 'max-content' }}
            rowClassName={(c) => `yx-cl-queue-row${c.overdue ? ' yx-cl-queue-overdue' : ''}`}
            onRow={(c) =>
              ({
                onClick: () => navigate(`/reviews/${c.id}`),
                'data-testid': 'queue-row',
                'data-overdue': String(c.overdue),
              }) as HTMLAttributes<HTMLElement>
            }
            locale={{ emptyText: queue.isFetching ? t('common.loading') : t('classes.review.empty') }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
          />
        )}
      </Card>
    </>
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
