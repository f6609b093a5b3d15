import { Card, Col, Flex, Row, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../../ui/format';
import { QueryState } from '../../ui/QueryState';
import { usePlatformStats } from './api';
import { trendOption } from './charts';
import { EChart } from './EChart';
import { StatCard } from './StatCard';
import type { PlatformStats } from './types';

type Province = PlatformStats['byProvince'][number];

/** The operator's platform statistics: visits, registrations, active users and hours, nationwide and per province. */
export function PlatformPanel({ onProvince }: { onProvince: (code: string) => void }) {
  const { t, i18n } = useTranslation();
  const stats = usePlatformStats(true);
  const data = stats.data;
  const trend = useMemo(
    () =>
      data
        ? trendOption(
            data.trend.map((d) => d.day),
            [
              { name: t('dashboard.platform.visits'), data: data.trend.map((d) => d.visits) },
              { name: t('dashboard.platform.activeUsers'), data: data.trend.map((d) => d.activeUsers) },
              { name: t('dashboard.platform.registrations'), data: data.trend.map((d) => d.registrations) },
            ],
            { name: t('dashboard.platform.creditedHours'), data: data.trend.map((d) => d.creditedHours) },
          )
        : {},
    [data, t],
  );
  const num = (v: number) => formatNumber(v, i18n.language);
  const columns: TableProps<Province>['columns'] = [
    {
      key: 'name',
      title: t('dashboard.platform.province'),
      render: (_, r) => <Typography.Link onClick={() => onProvince(r.code)}>{r.name}</Typography.Link>,
    },
    { key: 'learners', title: t('dashboard.breakdown.learners'), align: 'right', render: (_, r) => num(r.learners) },
    {
      key: 'institutions',
      title: t('dashboard.breakdown.institutions'),
      align: 'right',
      render: (_, r) => num(r.institutions),
    },
    { key: 'visits', title: t('dashboard.platform.visits'), align: 'right', render: (_, r) => num(r.visits) },
    {
      key: 'registrations',
      title: t('dashboard.platform.registrations'),
      align: 'right',
      render: (_, r) => num(r.registrations),
    },
    {
      key: 'active',
      title: t('dashboard.platform.avgDailyActiveUsers'),
      align: 'right',
      render: (_, r) => num(r.avgDailyActiveUsers),
    },
    {
      key: 'hours',
      title: t('dashboard.platform.creditedHours'),
      align: 'right',
      render: (_, r) => num(r.creditedHours),
    },
  ];
  return (
    <QueryState loading={stats.isPending} error={stats.error} onRetry={() => void stats.refetch()}>
      {data && (
        <Flex vertical gap={16} data-testid="platform-stats">
          <Flex justify="space-between" wrap gap={8}>
            <Typography.Text type="secondary">{t('dashboard.platform.note')}</Typography.Text>
            <span className="yx-dash-asof">
              {t('dashboard.asOf', { time: formatDateTime(data.asOf, i18n.language) })}
            </span>
          </Flex>
          <Row gutter={[12, 12]}>
            {(Object.keys(data.cards) as (keyof PlatformStats['cards'])[]).map((key) => (
              <Col key={key} xs={12} md={8} xl={3}>
                <StatCard
                  title={t(`dashboard.platform.cards.${key}`)}
                  value={data.cards[key]}
                  testId={`platform-${key}`}
                />
              </Col>
            ))}
          </Row>
          <Card size="small" title={t('dashboard.platform.trend')}>
            <EChart option={trend} height={300} testId="chart-platform" />
          </Card>
          <Card size="small" title={t('dashboard.platform.byProvince')}>
            <Table<Province>
              rowKey="code"
              size="small"
              columns={columns}
              dataSource={data.byProvince}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('dashboard.breakdown.empty') }}
            />
          </Card>
        </Flex>
      )}
    </QueryState>
  );
}
