import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { formatDateTime, formatNumber } from '../../ui/format';
import { QueryState } from '../../ui/QueryState';
import { useDashboard, type DashboardQuery } from './api';
import { barOption, pieOption, trendOption } from './charts';
import { EChart } from './EChart';
import { StatCard } from './StatCard';
import type { BreakdownRow, Dashboard } from './types';

type Props = { query: DashboardQuery; onScope: (next: DashboardQuery) => void };

/** A region subtree or an institution: cards, 30-day trend, alerts by type, breakdown below, hours by occupation. */
export function RegionDashboard({ query, onScope }: Props) {
  const { t } = useTranslation();
  const dashboard = useDashboard(query);
  return (
    <QueryState loading={dashboard.isPending} error={dashboard.error} onRetry={() => void dashboard.refetch()}>
      {dashboard.data && <DashboardView data={dashboard.data} onScope={onScope} title={t('dashboard.title')} />}
    </QueryState>
  );
}

function DashboardView({ data, onScope }: { data: Dashboard; onScope: Props['onScope']; title: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const c = data.cards;
  const openAlerts = data.alertsByType.reduce((sum, a) => sum + a.open, 0);

  const trend = useMemo(
    () =>
      trendOption(
        data.trend.map((d) => d.day),
        [
          { name: t('dashboard.trend.activeLearners'), data: data.trend.map((d) => d.activeLearners) },
          { name: t('dashboard.trend.sessions'), data: data.trend.map((d) => d.sessions) },
        ],
        { name: t('dashboard.trend.creditedHours'), data: data.trend.map((d) => d.creditedHours) },
      ),
    [data.trend, t],
  );
  const alerts = useMemo(
    () =>
      pieOption(
        data.alertsByType.map((a) => ({
          name: t(`dashboard.alertKinds.${a.type}`, { defaultValue: a.type }),
          value: a.count,
        })),
      ),
    [data.alertsByType, t],
  );
  const occupations = useMemo(
    () =>
      barOption(
        data.byOccupation.map((o) => ({ name: i18n.language === 'en' ? o.nameEn : o.name, value: o.creditedHours })),
        t('dashboard.occupation.creditedHours'),
      ),
    [data.byOccupation, i18n.language, t],
  );

  const by = data.breakdown.by;
  const open = (row: BreakdownRow) => {
    if (by === 'region') onScope({ region: row.key });
    else if (by === 'institution') onScope({ institutionId: row.key });
    else void navigate(`/classes/${row.key}?tab=hours`);
  };
  const num = (v: number | null) => (v === null ? '—' : formatNumber(v, i18n.language));
  const columns: TableProps<BreakdownRow>['columns'] = [
    {
      key: 'name',
      title: t('dashboard.breakdown.name'),
      fixed: 'left',
      render: (_, r) => (
        <Typography.Link onClick={() => open(r)} data-testid="breakdown-name">
          {r.name}
        </Typography.Link>
      ),
    },
    {
      key: 'learners',
      title: by === 'class' ? t('dashboard.breakdown.classLearners') : t('dashboard.breakdown.learners'),
      align: 'right',
      render: (_, r) => num(r.learners),
    },
    ...(by === 'region'
      ? [
          {
            key: 'institutions',
            title: t('dashboard.breakdown.institutions'),
            align: 'right' as const,
            render: (_: unknown, r: BreakdownRow) => num(r.institutions),
          },
        ]
      : []),
    ...(by !== 'class'
      ? [
          {
            key: 'classes',
            title: t('dashboard.breakdown.activeClasses'),
            align: 'right' as const,
            render: (_: unknown, r: BreakdownRow) => num(r.activeClasses),
          },
        ]
      : []),
    {
      key: 'hours',
      title: t('dashboard.breakdown.creditedHours'),
      align: 'right',
      sorter: (a, b) => a.creditedHours - b.creditedHours,
      render: (_, r) => num(r.creditedHours),
    },
    {
      key: 'days',
      title: t('dashboard.breakdown.learnerDays'),
      align: 'right',
      sorter: (a, b) => a.learnerDays - b.learnerDays,
      render: (_, r) => num(r.learnerDays),
    },
    {
      key: 'avg',
      title: t('dashboard.breakdown.avgDailyActive'),
      align: 'right',
      render: (_, r) => num(r.avgDailyActive),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="dashboard" data-level={data.scope.level}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={8} wrap>
          {data.scope.up && (
            <Button
              size="small"
              icon={<ArrowLeftOutlined />}
              onClick={() => onScope({ region: data.scope.up!.region ?? undefined })}
              data-testid="dashboard-up"
            >
              {t('dashboard.up', { name: data.scope.up.name })}
            </Button>
          )}
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="dashboard-scope">
            {data.scope.name}
          </Typography.Title>
          <Tag color="blue">{t(`dashboard.scope.${data.scope.level}`)}</Tag>
        </Flex>
        <span className="yx-dash-asof">{t('dashboard.asOf', { time: formatDateTime(data.asOf, i18n.language) })}</span>
      </Flex>

      <Row gutter={[12, 12]}>
        <Col xs={12} md={8} xl={3}>
          <StatCard title={t('dashboard.cards.learners')} value={c.learners} testId="card-learners" />
        </Col>
        {c.institutions !== null && (
          <Col xs={12} md={8} xl={3}>
            <StatCard title={t('dashboard.cards.institutions')} value={c.institutions} testId="card-institutions" />
          </Col>
        )}
        <Col xs={12} md={8} xl={3}>
          <StatCard title={t('dashboard.cards.activeClasses')} value={c.activeClasses} testId="card-classes" />
        </Col>
        <Col xs={12} md={8} xl={3}>
          <StatCard
            title={t('dashboard.cards.activeLearnersToday')}
            value={c.activeLearnersToday}
            testId="card-active-today"
          />
        </Col>
        <Col xs={12} md={8} xl={3}>
          <StatCard title={t('dashboard.cards.sessionsToday')} value={c.sessionsToday} testId="card-sessions-today" />
        </Col>
        <Col xs={12} md={8} xl={3}>
          <StatCard
            title={t('dashboard.cards.creditedHoursToday')}
            value={c.creditedHoursToday}
            testId="card-hours-today"
          />
        </Col>
        <Col xs={12} md={8} xl={3}>
          <StatCard
            title={t('dashboard.cards.creditedHoursTotal')}
            value={c.creditedHoursTotal}
            testId="card-hours-total"
          />
        </Col>
        <Col xs={12} md={8} xl={3}>
          <StatCard
            title={t('dashboard.cards.alerts')}
            value={c.alerts}
            testId="card-alerts"
            footer={t('dashboard.cards.alertsOpen', { count: openAlerts })}
          />
        </Col>
      </Row>

      <Row gutter={[12, 12]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('dashboard.trend.title')} className="yx-dash-panel">
            <EChart option={trend} testId="chart-trend" />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('dashboard.alerts.title')} className="yx-dash-panel">
            {data.alertsByType.length ? (
              <EChart option={alerts} testId="chart-alerts" />
            ) : (
              <div className="yx-dash-empty">{t('dashboard.alerts.empty')}</div>
            )}
          </Card>
        </Col>
      </Row>

      <Row gutter={[12, 12]}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t(`dashboard.breakdown.${by}`)} className="yx-dash-panel">
            <Table<BreakdownRow>
              className="yx-dash-table"
              rowKey="key"
              size="small"
              columns={columns}
              dataSource={data.breakdown.rows}
              scroll={{ x: 'max-content' }}
              pagination={
                data.breakdown.rows.length > 12 ? { pageSize: 12, size: 'small', showSizeChanger: false } : false
              }
              locale={{ emptyText: t('dashboard.breakdown.empty') }}
              onRow={() => ({ 'data-testid': 'breakdown-row' }) as React.HTMLAttributes<HTMLElement>}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('dashboard.occupation.title')} className="yx-dash-panel">
            {data.byOccupation.length ? (
              <EChart
                option={occupations}
                height={Math.max(160, data.byOccupation.length * 34)}
                testId="chart-occupations"
              />
            ) : (
              <div className="yx-dash-empty">{t('dashboard.occupation.empty')}</div>
            )}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
