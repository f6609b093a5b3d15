import { Button, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../ui/format';
import { QueryState } from '../../ui/QueryState';
import { useIsMobile } from '../../ui/useIsMobile';
import { useReenrolments } from './api';
import { DistanceTag } from './DistanceTag';
import { ReviewDrawer } from './ReviewDrawer';
import type { ReenrolmentRequest } from './types';

const STATUS_COLORS = { pending: 'processing', active: 'success', rejected: 'error', superseded: 'default' } as const;

/** Re-enrolment requests of the learners in scope (pending or decided), each opening the review drawer. */
export function ReenrolmentList({ status }: { status: 'pending' | 'decided' }) {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const list = useReenrolments(status);
  const [open, setOpen] = useState<ReenrolmentRequest | null>(null);
  const items = list.data ?? [];
  const statusTag = (r: ReenrolmentRequest) => (
    <Tag color={STATUS_COLORS[r.status]}>{t(`faces.profile.requestStatus.${r.status}`)}</Tag>
  );
  const learner = (r: ReenrolmentRequest) => <Link to={`/faces/learners/${r.userId}`}>{r.userName}</Link>;
  const action = (r: ReenrolmentRequest) => (
    <Button
      size="small"
      type={r.status === 'pending' ? 'primary' : 'default'}
      onClick={() => setOpen(r)}
      data-testid="review-open"
    >
      {t(r.status === 'pending' ? 'faces.staff.review' : 'faces.staff.view')}
    </Button>
  );

  const columns: TableProps<ReenrolmentRequest>['columns'] = [
    { key: 'learner', title: t('faces.staff.learner'), render: (_, r) => learner(r) },
    {
      key: 'at',
      title: t('faces.staff.requestedAt'),
      render: (_, r) => <span className="yx-fc-nowrap">{formatDateTime(r.createdAt, i18n.language)}</span>,
    },
    {
      key: 'reason',
      title: t('faces.staff.reason'),
      render: (_, r) => (
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 320 }}>
          {r.reason}
        </Typography.Paragraph>
      ),
    },
    {
      key: 'distance',
      title: t('faces.staff.distance'),
      render: (_, r) => <DistanceTag distance={r.comparedDistance} matches={r.matchesCompared} />,
    },
    ...(status === 'decided'
      ? [{ key: 'status', title: t('faces.staff.status'), render: (_: unknown, r: ReenrolmentRequest) => statusTag(r) }]
      : []),
    { key: 'action', title: '', align: 'right', render: (_, r) => action(r) },
  ];

  return (
    <div data-testid={`reenrolments-${status}`}>
      <QueryState loading={list.isLoading} error={list.error} onRetry={() => void list.refetch()}>
        {items.length === 0 ? (
          <Empty description={t(status === 'pending' ? 'faces.staff.empty' : 'faces.staff.emptyDecided')} />
        ) : mobile ? (
          <ul className="yx-fc-list" data-testid="reenrolment-list">
            {items.map((r) => (
              <li key={r.id} data-testid="reenrolment-row">
                <Flex justify="space-between" align="start" gap={8}>
                  <Flex vertical gap={4}>
                    <Flex gap={8} align="center" wrap>
                      {learner(r)}
                      {status === 'decided' && statusTag(r)}
                    </Flex>
                    <Typography.Text type="secondary" className="yx-fc-sub">
                      {formatDateTime(r.createdAt, i18n.language)}
                    </Typography.Text>
                    <Typography.Text>{r.reason}</Typography.Text>
                    <div>
                      <DistanceTag distance={r.comparedDistance} matches={r.matchesCompared} />
                    </div>
                  </Flex>
                  {action(r)}
                </Flex>
              </li>
            ))}
          </ul>
        ) : (
          <Table<ReenrolmentRequest>
            rowKey="id"
            columns={columns}
            dataSource={items}
            pagination={false}
            size="middle"
            onRow={() => ({ 'data-testid': 'reenrolment-row' }) as object}
            data-testid="reenrolment-list"
          />
        )}
      </QueryState>
      <ReviewDrawer request={open} onClose={() => setOpen(null)} />
    </div>
  );
}
