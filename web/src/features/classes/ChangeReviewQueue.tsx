import { Card, Flex, List, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useIsMobile } from '../../ui/useIsMobile';
import { useChangeQueue } from './api';
import { formatMinute } from './cells';
import { ChangeReviewDialog } from './ChangeReviewDialog';
import { OverdueTag } from './StatusTag';
import type { QueuedChange } from './types';
import './changes.css';

function Deadline({ change }: { change: QueuedChange }) {
  const { i18n } = useTranslation();
  return (
    <Flex gap={6} align="center" wrap className="yx-cl-nowrap">
      <Typography.Text type={change.overdue ? 'danger' : undefined} strong={change.overdue}>
        {formatMinute(change.reviewDueAt, i18n.language)}
      </Typography.Text>
      {change.overdue && <OverdueTag />}
    </Flex>
  );
}

/** Change requests waiting for the regulator, oldest deadline first, overdue ones in red; each opens the review dialog. */
export function ChangeReviewQueue() {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const queue = useChangeQueue();
  const [open, setOpen] = useState<QueuedChange | null>(null);
  const items = queue.data ?? [];
  const overdue = items.filter((c) => c.overdue).length;
  const submitted = (c: QueuedChange) =>
    t('classes.changes.submittedAt', { time: formatMinute(c.submittedAt, i18n.language) });

  const columns: TableProps<QueuedChange>['columns'] = [
    {
      key: 'deadline',
      title: t('classes.review.deadline'),
      fixed: 'left',
      render: (_, c) => (
        <Flex vertical gap={2}>
          <Deadline change={c} />
          <Typography.Text type="secondary" className="yx-cl-sub yx-cl-nowrap">
            {submitted(c)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'class',
      title: t('classes.list.name'),
      render: (_, c) => (
        <span className="yx-cl-queue-name yx-cl-queue-name-cell" data-testid="change-queue-class">
          {c.className}
        </span>
      ),
    },
    {
      key: 'institution',
      title: t('classes.list.institution'),
      dataIndex: 'institutionName',
      render: (name: string) => <span className="yx-cl-institution">{name}</span>,
    },
    {
      key: 'kind',
      title: t('classes.changes.kind'),
      render: (_, c) => <Tag color="blue">{t(`classes.changes.kinds.${c.kind}`)}</Tag>,
    },
    {
      key: 'reason',
      title: t('classes.changes.reason'),
      render: (_, c) => (
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 280 }}>
          {c.reason}
        </Typography.Paragraph>
      ),
    },
  ];

  return (
    <Card>
      <Flex justify="space-between" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('classes.changes.queueIntro')}</Typography.Text>
        {queue.data && (
          <Typography.Text type={overdue > 0 ? 'danger' : 'secondary'} data-testid="change-queue-count">
            {t('classes.changes.queueCount', { count: items.length, overdue })}
          </Typography.Text>
        )}
      </Flex>
      <ErrorAlert error={queue.error} className="yx-form-alert" />
      {mobile ? (
        <List
          dataSource={items}
          loading={queue.isFetching && !queue.data}
          locale={{ emptyText: t('classes.changes.queueEmpty') }}
          split={false}
          renderItem={(c) => (
            <List.Item className="yx-cl-queue-item">
              <Card
                size="small"
                hoverable
                className={`yx-cl-queue-card${c.overdue ? ' yx-cl-queue-card-overdue' : ''}`}
                onClick={() => setOpen(c)}
                data-testid="change-queue-row"
                data-overdue={String(c.overdue)}
              >
                <Flex vertical gap={6}>
                  <Deadline change={c} />
                  <span className="yx-cl-queue-name">{c.className}</span>
                  <Typography.Text type="secondary">{c.institutionName}</Typography.Text>
                  <Flex gap={8} align="center" wrap>
                    <Tag color="blue">{t(`classes.changes.kinds.${c.kind}`)}</Tag>
                    <Typography.Text type="secondary" className="yx-cl-sub">
                      {submitted(c)}
                    </Typography.Text>
                  </Flex>
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                    {c.reason}
                  </Typography.Paragraph>
                </Flex>
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table<QueuedChange>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={queue.isFetching && !queue.data}
          scroll={{ x: 'max-content' }}
          rowClassName={(c) => `yx-cl-queue-row${c.overdue ? ' yx-cl-queue-overdue' : ''}`}
          onRow={(c) =>
            ({
              onClick: () => setOpen(c),
              'data-testid': 'change-queue-row',
              'data-overdue': String(c.overdue),
            }) as HTMLAttributes<HTMLElement>
          }
          locale={{ emptyText: queue.isFetching ? t('common.loading') : t('classes.changes.queueEmpty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        />
      )}
      <ChangeReviewDialog
        change={open}
        context={open ? { className: open.className, institutionName: open.institutionName } : undefined}
        onClose={() => setOpen(null)}
      />
    </Card>
  );
}
