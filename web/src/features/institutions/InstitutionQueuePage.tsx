import { Card, Flex, List, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatMinute } from '../classes/cells';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useIsMobile';
import { useInstitutionQueue } from './api';
import { OverdueTag } from './parts';
import type { InstitutionSummary } from './types';
import './institutions.css';

const reviewPath = (id: string) => `/institution-reviews/${id}`;

function Deadline({ item }: { item: InstitutionSummary }) {
  const { i18n } = useTranslation();
  return (
    <Flex gap={6} align="center" wrap className="yx-in-nowrap">
      <Typography.Text type={item.overdue ? 'danger' : undefined} strong={item.overdue}>
        {formatMinute(item.reviewDueAt, i18n.language)}
      </Typography.Text>
      {item.overdue && <OverdueTag />}
    </Flex>
  );
}

/** On a phone each application is a card: the deadline, the institution, its kind and region. */
function QueueCards({ items, loading }: { items: InstitutionSummary[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  return (
    <List
      dataSource={items}
      loading={loading}
      locale={{ emptyText: t('institutions.queue.empty') }}
      split={false}
      renderItem={(item) => (
        <List.Item className="yx-in-queue-item">
          <Card
            size="small"
            hoverable
            style={{ width: '100%' }}
            className={item.overdue ? 'yx-in-queue-card-overdue' : undefined}
            onClick={() => navigate(reviewPath(item.id))}
            data-testid="institution-queue-row"
            data-overdue={String(item.overdue)}
          >
            <Flex vertical gap={6}>
              <Deadline item={item} />
              <Link to={reviewPath(item.id)} className="yx-in-queue-name" onClick={(event) => event.stopPropagation()}>
                {item.name}
              </Link>
              <Typography.Text type="secondary">
                {t(`institutions.kind.${item.kind}`)} · {item.regionName ?? item.regionCode}
              </Typography.Text>
              <Typography.Text type="secondary" className="yx-in-sub">
                {t('institutions.queue.submittedAt', { time: formatMinute(item.submittedAt, i18n.language) })}
              </Typography.Text>
            </Flex>
          </Card>
        </List.Item>
      )}
    />
  );
}

/** Applications waiting in the regulator's region, earliest deadline first (the server's order), overdue in red. */
export function InstitutionQueuePage() {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const queue = useInstitutionQueue();
  const items = queue.data ?? [];
  const overdue = items.filter((i) => i.overdue).length;

  const columns: TableProps<InstitutionSummary>['columns'] = [
    {
      key: 'deadline',
      title: t('institutions.queue.deadline'),
      render: (_, item) => (
        <Flex vertical gap={2}>
          <Deadline item={item} />
          <Typography.Text type="secondary" className="yx-in-sub yx-in-nowrap">
            {t('institutions.queue.submittedAt', { time: formatMinute(item.submittedAt, i18n.language) })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'name',
      title: t('institutions.fields.name'),
      render: (_, item) => (
        <Link to={reviewPath(item.id)} className="yx-in-queue-name" onClick={(event) => event.stopPropagation()}>
          {item.name}
        </Link>
      ),
    },
    { key: 'kind', title: t('institutions.fields.kind'), render: (_, item) => t(`institutions.kind.${item.kind}`) },
    { key: 'region', title: t('institutions.fields.region'), render: (_, item) => item.regionName ?? item.regionCode },
    {
      key: 'creditCode',
      title: t('institutions.fields.creditCode'),
      dataIndex: 'creditCode',
      render: (v: string) => <Typography.Text className="yx-mono">{v}</Typography.Text>,
    },
  ];

  return (
    <>
      <PageHeader title={t('institutions.queue.title')} />
      <Card>
        <Flex justify="space-between" gap={12} wrap style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('institutions.queue.intro')}</Typography.Text>
          {queue.data && (
            <Typography.Text type={overdue > 0 ? 'danger' : 'secondary'} data-testid="institution-queue-count">
              {t('institutions.queue.count', { count: items.length, overdue })}
            </Typography.Text>
          )}
        </Flex>
        <ErrorAlert error={queue.error} className="yx-form-alert" />
        {mobile ? (
          <QueueCards items={items} loading={queue.isFetching && !queue.data} />
        ) : (
          <Table<InstitutionSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={queue.isFetching && !queue.data}
            scroll={{ x: 'max-content' }}
            rowClassName={(item) => `yx-in-queue-row${item.overdue ? ' yx-in-queue-overdue' : ''}`}
            onRow={(item) =>
              ({
                onClick: () => navigate(reviewPath(item.id)),
                'data-testid': 'institution-queue-row',
                'data-overdue': String(item.overdue),
              }) as HTMLAttributes<HTMLElement>
            }
            locale={{ emptyText: queue.isFetching ? t('common.loading') : t('institutions.queue.empty') }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
          />
        )}
      </Card>
    </>
  );
}
