import { Card, Flex, List, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../ui/useIsMobile';
import { ExplanationList, Money, useYuan } from './parts';
import type { PreviewLine } from './types';

export type LineColumn<T> = { key: string; title: ReactNode; render: (line: T) => ReactNode };

type Props<T extends PreviewLine> = {
  lines: T[];
  rowKey: (line: T) => string;
  /** Columns after the amount (status, actions); on a phone they go under the explanation. */
  extra?: LineColumn<T>[];
  rowSelection?: TableProps<T>['rowSelection'];
  testId: string;
};

/**
 * A claim's learners: who, the facts (credited hours), the amount split between learner and institution, and the
 * explanation item by item. A table on a wide screen, cards on a phone.
 */
export function LearnerLines<T extends PreviewLine>({ lines, rowKey, extra = [], rowSelection, testId }: Props<T>) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const yuan = useYuan();
  const hours = (line: T) =>
    t('subsidies.fields.hoursValue', {
      credited: line.evidence.creditedHours,
      online: line.evidence.onlineHours,
      offline: line.evidence.offlineHours,
    });
  const split = (line: T) =>
    line.institutionFen > 0
      ? t('subsidies.fields.split', { trainee: yuan(line.traineeFen), institution: yuan(line.institutionFen) })
      : null;

  if (mobile) {
    return (
      <List
        className="yx-sb-card-list"
        dataSource={lines}
        split={false}
        rowKey={rowKey}
        renderItem={(line) => (
          <List.Item>
            <Card size="small" data-testid={testId} data-name={line.name}>
              <Flex vertical gap={8}>
                <Flex justify="space-between" gap={8} align="start">
                  <Flex vertical>
                    <Typography.Text strong>{line.name}</Typography.Text>
                    <Typography.Text type="secondary" className="yx-sb-sub">
                      {line.idNumberMasked}
                    </Typography.Text>
                  </Flex>
                  <Money fen={line.amountFen} strong />
                </Flex>
                <Typography.Text type="secondary" className="yx-sb-sub">
                  {t('subsidies.fields.hours')} {hours(line)}
                  {split(line) && ` · ${split(line)}`}
                </Typography.Text>
                <ExplanationList blocked={line.blocked} lines={line.lines} />
                {extra.length > 0 && (
                  <Flex gap={8} wrap align="center">
                    {extra.map((c) => (
                      <span key={c.key}>{c.render(line)}</span>
                    ))}
                  </Flex>
                )}
              </Flex>
            </Card>
          </List.Item>
        )}
      />
    );
  }

  const columns: TableProps<T>['columns'] = [
    {
      key: 'learner',
      title: t('subsidies.fields.learner'),
      fixed: 'left',
      render: (_, line) => (
        <Flex vertical>
          <Typography.Text strong className="yx-sb-nowrap">
            {line.name}
          </Typography.Text>
          <Typography.Text type="secondary" className="yx-sb-sub yx-sb-nowrap">
            {line.idNumberMasked}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'hours',
      title: t('subsidies.fields.hours'),
      render: (_, line) => (
        <Flex vertical>
          <Typography.Text>{line.evidence.creditedHours}</Typography.Text>
          <Typography.Text type="secondary" className="yx-sb-sub yx-sb-nowrap">
            {t('subsidies.fields.hoursSplit', {
              online: line.evidence.onlineHours,
              offline: line.evidence.offlineHours,
            })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'amount',
      title: t('subsidies.fields.amount'),
      align: 'right',
      render: (_, line) => (
        <Flex vertical align="end">
          <Money fen={line.amountFen} strong />
          {split(line) && (
            <Typography.Text type="secondary" className="yx-sb-sub yx-sb-nowrap">
              {split(line)}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'explanation',
      title: t('subsidies.fields.explanation'),
      width: 360,
      render: (_, line) => <ExplanationList blocked={line.blocked} lines={line.lines} />,
    },
    ...extra.map((c) => ({ key: c.key, title: c.title, render: (_: unknown, line: T) => c.render(line) })),
  ];
  return (
    <Table<T>
      rowKey={rowKey}
      size="middle"
      columns={columns}
      dataSource={lines}
      rowSelection={rowSelection}
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      onRow={(line) => ({ 'data-testid': testId, 'data-name': line.name }) as HTMLAttributes<HTMLElement>}
    />
  );
}
