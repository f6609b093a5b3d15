import { ClockCircleOutlined } from '@ant-design/icons';
import { Card, Flex, List, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';
import { formatBeijingMinute } from './format';
import { useIsMobile } from './useIsMobile';
import './deadline-queue.css';

/** What every queued item carries: the server decides `overdue` (working days, Beijing time). */
export type QueuedItem = { id: string; reviewDueAt: string | null; submittedAt: string | null; overdue: boolean };

export type DeadlineQueueColumn<T> = {
  key: string;
  title: ReactNode;
  render: (item: T) => ReactNode;
  align?: 'left' | 'right';
};

export type DeadlineQueueProps<T extends QueuedItem> = {
  /** The queue in the server's order (earliest deadline first); undefined while the first load runs. */
  items: T[] | undefined;
  fetching: boolean;
  error: unknown;
  intro: ReactNode;
  /** "N waiting, M overdue". */
  count: (count: number, overdue: number) => ReactNode;
  empty: string;
  /** The deadline column's title, and the line under the deadline ("submitted at …", given the formatted time). */
  deadlineTitle: string;
  submitted: (time: string) => ReactNode;
  /** The columns after the deadline on a wide screen. */
  columns: DeadlineQueueColumn<T>[];
  /** The body of an item's card on a phone, under its deadline. */
  card: (item: T) => ReactNode;
  /** The row action: opening the item (its review page or dialog). */
  onOpen: (item: T) => void;
  testIds: { row: string; count: string };
};

export function OverdueTag() {
  const { t } = useTranslation();
  return (
    <Tag color="red" icon={<ClockCircleOutlined />} data-testid="overdue-tag">
      {t('common.overdue')}
    </Tag>
  );
}

/** The deadline in Beijing time, red and tagged once it has passed. */
export function Deadline({ item }: { item: QueuedItem }) {
  const { i18n } = useTranslation();
  return (
    <Flex gap={6} align="center" wrap className="yx-dq-nowrap">
      <Typography.Text type={item.overdue ? 'danger' : undefined} strong={item.overdue} data-testid="queue-deadline">
        {formatBeijingMinute(item.reviewDueAt, i18n.language)}
      </Typography.Text>
      {item.overdue && <OverdueTag />}
    </Flex>
  );
}

/**
 * A regulator's review queue: items with a deadline, earliest first, overdue ones in red; a table on a wide screen
 * and cards on a phone; clicking an item opens it. The pages give the columns, the card body and the texts.
 */
export function DeadlineQueue<T extends QueuedItem>(props: DeadlineQueueProps<T>) {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const items = props.items ?? [];
  const overdue = items.filter((i) => i.overdue).length;
  const loading = props.fetching && !props.items;
  const submitted = (item: T) => props.submitted(formatBeijingMinute(item.submittedAt, i18n.language));

  const columns: TableProps<T>['columns'] = [
    {
      key: 'deadline',
      title: props.deadlineTitle,
      fixed: 'left',
      render: (_, item) => (
        <Flex vertical gap={2}>
          <Deadline item={item} />
          <Typography.Text type="secondary" className="yx-dq-sub yx-dq-nowrap">
            {submitted(item)}
          </Typography.Text>
        </Flex>
      ),
    },
    ...props.columns.map((c) => ({
      key: c.key,
      title: c.title,
      align: c.align,
      render: (_: unknown, item: T) => c.render(item),
    })),
  ];

  return (
    <Card>
      <Flex justify="space-between" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{props.intro}</Typography.Text>
        {props.items && (
          <Typography.Text type={overdue > 0 ? 'danger' : 'secondary'} data-testid={props.testIds.count}>
            {props.count(items.length, overdue)}
          </Typography.Text>
        )}
      </Flex>
      <ErrorAlert error={props.error} className="yx-form-alert" />
      {mobile ? (
        <List
          dataSource={items}
          loading={loading}
          locale={{ emptyText: props.empty }}
          split={false}
          renderItem={(item) => (
            <List.Item className="yx-dq-item">
              <Card
                size="small"
                hoverable
                className={`yx-dq-card${item.overdue ? ' yx-dq-card-overdue' : ''}`}
                onClick={() => props.onOpen(item)}
                data-testid={props.testIds.row}
                data-overdue={String(item.overdue)}
              >
                <Flex vertical gap={6}>
                  <Deadline item={item} />
                  {props.card(item)}
                  <Typography.Text type="secondary" className="yx-dq-sub">
                    {submitted(item)}
                  </Typography.Text>
                </Flex>
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table<T>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={loading}
          scroll={{ x: 'max-content' }}
          rowClassName={(item) => `yx-dq-row${item.overdue ? ' yx-dq-overdue' : ''}`}
          onRow={(item) =>
            ({
              onClick: () => props.onOpen(item),
              'data-testid': props.testIds.row,
              'data-overdue': String(item.overdue),
            }) as HTMLAttributes<HTMLElement>
          }
          locale={{ emptyText: props.fetching ? t('common.loading') : props.empty }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        />
      )}
    </Card>
  );
}
