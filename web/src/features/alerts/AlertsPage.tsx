import { Badge, Button, Card, Flex, List, Select, Table, Tabs, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useIsMobile';
import { useAlerts, useMarkRead, useNotifications, useTopLearners, type AlertFilters } from './api';
import { factsText, LevelTag, notificationText, SeverityTag, StatusTag } from './text';
import { ALERT_KINDS, ALERT_STATUSES, SUBJECT_TYPES, type Alert, type AlertStatus, type RankedLearner } from './types';
import './alerts.css';

function Queue() {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<AlertFilters>({ status: 'open', page: 1, pageSize: 20 });
  const alerts = useAlerts(filters);
  const counts = alerts.data?.counts;

  const columns: TableProps<Alert>['columns'] = [
    {
      key: 'severity',
      title: t('alerts.columns.severity'),
      width: 80,
      render: (_, a) => <SeverityTag severity={a.severity} />,
    },
    {
      key: 'kind',
      title: t('alerts.columns.kind'),
      render: (_, a) => (
        <Flex vertical gap={2} className="yx-al-kind">
          <Link to={`/alerts/${a.id}`} data-testid="alert-link">
            {t(`alerts.kind.${a.kind}`)}
          </Link>
          <Typography.Text type="secondary" className="yx-al-facts" ellipsis={{ tooltip: factsText(a, t) }}>
            {factsText(a, t)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'subject',
      title: t('alerts.columns.subject'),
      render: (_, a) => (
        <Flex vertical gap={0} className="yx-al-subject">
          <span>
            {a.subject.name ?? '—'}{' '}
            <Typography.Text type="secondary" className="yx-al-small">
              {t(`alerts.subject.${a.subject.type}`)}
            </Typography.Text>
          </span>
          {a.class && a.subject.type !== 'class' && (
            <Typography.Text className="yx-al-small" ellipsis={{ tooltip: a.class.name }}>
              {a.class.name}
            </Typography.Text>
          )}
          <Typography.Text type="secondary" className="yx-al-small" ellipsis={{ tooltip: a.institution?.name }}>
            {a.institution?.name ?? ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'window',
      title: t('alerts.columns.window'),
      render: (_, a) => (
        <Flex vertical gap={0}>
          <span className="yx-al-nowrap">{formatDateTime(a.windowStart, i18n.language)}</span>
          <Typography.Text type="secondary" className="yx-al-small">
            {t('alerts.columns.detections')} {a.detections}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'status', title: t('alerts.columns.status'), render: (_, a) => <StatusTag status={a.status} /> },
  ];

  return (
    <>
      <Flex gap={12} wrap className="yx-al-filters">
        {mobile ? (
          <Select
            style={{ minWidth: 160 }}
            value={filters.status ?? 'all'}
            onChange={(key) =>
              setFilters((f) => ({ ...f, page: 1, status: key === 'all' ? undefined : (key as AlertStatus) }))
            }
            options={[
              ...ALERT_STATUSES.map((st) => ({
                value: st,
                label: `${t(`alerts.status.${st}`)} (${counts?.[st] ?? 0})`,
              })),
              { value: 'all', label: t('alerts.filters.all') },
            ]}
            data-testid="status-filter"
          />
        ) : (
          <Tabs
            size="small"
            activeKey={filters.status ?? 'all'}
            onChange={(key) =>
              setFilters((f) => ({ ...f, page: 1, status: key === 'all' ? undefined : (key as AlertStatus) }))
            }
            items={[
              ...ALERT_STATUSES.map((s) => ({
                key: s,
                label: (
                  <span>
                    {t(`alerts.status.${s}`)}{' '}
                    <Badge
                      count={counts?.[s] ?? 0}
                      showZero
                      color={s === 'open' ? 'red' : '#bfbfbf'}
                      overflowCount={9999}
                    />
                  </span>
                ),
              })),
              { key: 'all', label: t('alerts.filters.all') },
            ]}
          />
        )}
        <Select
          allowClear
          placeholder={t('alerts.filters.kind')}
          style={{ minWidth: 220 }}
          value={filters.kind}
          onChange={(kind) => setFilters((f) => ({ ...f, page: 1, kind }))}
          options={ALERT_KINDS.map((k) => ({ value: k, label: t(`alerts.kind.${k}`) }))}
          data-testid="kind-filter"
        />
        <Select
          allowClear
          placeholder={t('alerts.filters.severity')}
          style={{ minWidth: 120 }}
          value={filters.severity}
          onChange={(severity) => setFilters((f) => ({ ...f, page: 1, severity }))}
          options={(['high', 'medium', 'low'] as const).map((s) => ({ value: s, label: t(`alerts.severity.${s}`) }))}
        />
        <Select
          allowClear
          placeholder={t('alerts.filters.subject')}
          style={{ minWidth: 120 }}
          value={filters.subjectType}
          onChange={(subjectType) => setFilters((f) => ({ ...f, page: 1, subjectType }))}
          options={SUBJECT_TYPES.map((s) => ({ value: s, label: t(`alerts.subject.${s}`) }))}
          data-testid="subject-filter"
        />
      </Flex>
      <ErrorAlert error={alerts.error} className="yx-form-alert" />
      {mobile ? (
        <List
          dataSource={alerts.data?.items ?? []}
          loading={alerts.isFetching}
          locale={{ emptyText: t('alerts.empty') }}
          split={false}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: alerts.data?.total ?? 0,
            size: 'small',
            onChange: (page) => setFilters((f) => ({ ...f, page })),
          }}
          renderItem={(a) => (
            <List.Item className="yx-al-card-item">
              <Card size="small" hoverable className="yx-al-card" onClick={() => navigate(`/alerts/${a.id}`)}>
                <Flex vertical gap={4}>
                  <Flex justify="space-between" align="center" gap={8}>
                    <Flex gap={6} align="center">
                      <SeverityTag severity={a.severity} />
                      <Link
                        to={`/alerts/${a.id}`}
                        data-testid="alert-link"
                        onClick={(event) => event.stopPropagation()}
                      >
                        {t(`alerts.kind.${a.kind}`)}
                      </Link>
                    </Flex>
                    <StatusTag status={a.status} />
                  </Flex>
                  <Typography.Text className="yx-al-small">{factsText(a, t)}</Typography.Text>
                  <Typography.Text type="secondary" className="yx-al-small">
                    {[a.subject.name, a.class?.name].filter(Boolean).join(' · ')}
                  </Typography.Text>
                  <Typography.Text type="secondary" className="yx-al-small">
                    {formatDateTime(a.windowStart, i18n.language)}
                  </Typography.Text>
                </Flex>
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table<Alert>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={alerts.data?.items ?? []}
          loading={alerts.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('alerts.empty') }}
          onRow={(a) => ({ onDoubleClick: () => navigate(`/alerts/${a.id}`), 'data-testid': 'alert-row' }) as object}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: alerts.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
          }}
        />
      )}
    </>
  );
}

function RiskRanking() {
  const { t } = useTranslation();
  const top = useTopLearners(true);
  const columns: TableProps<RankedLearner>['columns'] = [
    { key: 'learner', title: t('alerts.rank.learner'), render: (_, r) => r.name ?? r.userId },
    { key: 'score', title: t('alerts.rank.score'), dataIndex: 'score', align: 'right', width: 90 },
    { key: 'level', title: t('alerts.rank.level'), render: (_, r) => <LevelTag level={r.level} />, width: 90 },
    {
      key: 'reasons',
      title: t('alerts.rank.reasons'),
      render: (_, r) => (
        <Flex gap={4} wrap>
          {r.contributions.slice(0, 4).map((c) => (
            <Link key={c.alertId} to={`/alerts/${c.alertId}`}>
              <Typography.Text className="yx-al-small">
                {t(`alerts.kind.${c.kind}`)} +{c.points}
              </Typography.Text>
            </Link>
          ))}
        </Flex>
      ),
    },
  ];
  return (
    <>
      <ErrorAlert error={top.error} className="yx-form-alert" />
      <Table<RankedLearner>
        rowKey="userId"
        size="middle"
        columns={columns}
        dataSource={top.data ?? []}
        loading={top.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('alerts.rank.empty') }}
      />
    </>
  );
}

export function Notifications() {
  const { t, i18n } = useTranslation();
  const notes = useNotifications();
  const mark = useMarkRead();
  const navigate = useNavigate();
  return (
    <>
      <Flex justify="flex-end" className="yx-al-filters">
        <Button size="small" onClick={() => mark.mutate('all')} disabled={!notes.data?.unread} loading={mark.isPending}>
          {t('alerts.notifications.readAll')}
        </Button>
      </Flex>
      <ErrorAlert error={notes.error ?? mark.error} className="yx-form-alert" />
      <List
        loading={notes.isFetching}
        dataSource={notes.data?.items ?? []}
        locale={{ emptyText: t('alerts.notifications.empty') }}
        renderItem={(n) => (
          <List.Item
            className={n.readAt ? 'yx-al-note' : 'yx-al-note yx-al-note-unread'}
            actions={
              n.link
                ? [
                    <Button
                      key="open"
                      type="link"
                      size="small"
                      onClick={() => {
                        if (!n.readAt) mark.mutate(n.id);
                        void navigate(n.link!);
                      }}
                    >
                      {t('alerts.notifications.open')}
                    </Button>,
                  ]
                : []
            }
            data-testid="notification"
          >
            <List.Item.Meta
              title={
                <Flex gap={8} align="center">
                  {!n.readAt && <Badge status="error" />}
                  <span>{notificationText(n, t)}</span>
                </Flex>
              }
              description={formatDateTime(n.createdAt, i18n.language)}
            />
          </List.Item>
        )}
      />
    </>
  );
}

/** The alert queue of the institution (its own) or the regulator (the region subtree), with risk and notifications. */
export function AlertsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const notes = useNotifications();
  const tab = params.get('tab') ?? 'queue';
  return (
    <>
      <PageHeader title={t('alerts.title')} />
      <Card>
        <Typography.Paragraph type="secondary" className="yx-al-who">
          {t('alerts.actions.who')}
        </Typography.Paragraph>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'queue' ? {} : { tab: key }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'queue', label: t('alerts.tabs.queue'), children: <Queue /> },
            { key: 'risk', label: t('alerts.tabs.risk'), children: <RiskRanking /> },
            {
              key: 'notifications',
              label: (
                <span>
                  {t('alerts.tabs.notifications')} <Badge count={notes.data?.unread ?? 0} />
                </span>
              ),
              children: <Notifications />,
            },
          ]}
        />
      </Card>
    </>
  );
}
