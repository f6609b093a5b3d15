import { Empty, Flex, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../ui/format';
import { QueryState } from '../../ui/QueryState';
import { useIsMobile } from '../../ui/useIsMobile';
import { useFaceAlerts } from './api';
import type { AlertKind, FaceAlert } from './types';

const KIND_COLORS: Record<AlertKind, string> = {
  same_face_other_account: 'volcano',
  different_face: 'red',
  id_photo_mismatch: 'orange',
};

/** What raised the alert: the checks gathered (count, closest distances, where) or the enrolment that found it. */
function Evidence({ alert }: { alert: FaceAlert }) {
  const { t, i18n } = useTranslation();
  if (!alert.evidence)
    return (
      <Typography.Text type="secondary" className="yx-fc-sub">
        {t('faces.alerts.enrolment')}
      </Typography.Text>
    );
  const last = alert.evidence.checks.slice(-3).reverse();
  return (
    <Flex vertical gap={2} data-testid="alert-evidence" data-count={alert.evidence.count}>
      <Typography.Text>{t('faces.alerts.checks', { count: alert.evidence.count })}</Typography.Text>
      {last.map((c) => {
        const kind = c.context.split(':')[0] ?? '';
        return (
          <Tooltip key={c.id} title={c.id}>
            <Typography.Text type="secondary" className="yx-fc-sub">
              {formatDateTime(c.at, i18n.language)} · {t(`faces.alerts.contexts.${kind}`, { defaultValue: kind })} ·{' '}
              {c.distance.toFixed(3)}
            </Typography.Text>
          </Tooltip>
        );
      })}
    </Flex>
  );
}

/** Face alerts in scope, newest first, filtered by kind; learners the actor may see link to their faces. */
export function AlertList({ userId, compact }: { userId?: string; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const alerts = useFaceAlerts(userId);
  const [kind, setKind] = useState<AlertKind | 'all'>('all');
  const items = (alerts.data ?? []).filter((a) => kind === 'all' || a.kind === kind);
  const person = (p: FaceAlert['user']) =>
    p ? (
      <Link to={`/faces/learners/${p.id}`}>{p.name}</Link>
    ) : (
      <Typography.Text type="secondary">{t('faces.alerts.otherHidden')}</Typography.Text>
    );
  const kindTag = (a: FaceAlert) => (
    <Tooltip title={t(`faces.alerts.kindHelp.${a.kind}`)}>
      <Tag color={KIND_COLORS[a.kind]} data-testid="alert-kind" data-kind={a.kind}>
        {t(`faces.alerts.kinds.${a.kind}`)}
      </Tag>
    </Tooltip>
  );
  const distance = (a: FaceAlert) => (
    <span className="yx-fc-nowrap">
      {a.distance.toFixed(3)} / {a.threshold}
    </span>
  );
  const other = (a: FaceAlert) => (a.otherAccount ? person(a.otherUser) : '—');

  const columns: TableProps<FaceAlert>['columns'] = [
    {
      key: 'time',
      title: t('faces.alerts.time'),
      render: (_, a) => <span className="yx-fc-nowrap">{formatDateTime(a.createdAt, i18n.language)}</span>,
    },
    { key: 'kind', title: t('faces.alerts.kind'), render: (_, a) => kindTag(a) },
    { key: 'user', title: t('faces.alerts.account'), render: (_, a) => person(a.user) },
    { key: 'other', title: t('faces.alerts.other'), render: (_, a) => other(a) },
    {
      key: 'distance',
      title: t('faces.alerts.distance'),
      render: (_, a) => (
        <Tooltip title={t('faces.distance.threshold', { threshold: a.threshold })}>{distance(a)}</Tooltip>
      ),
    },
    { key: 'evidence', title: t('faces.alerts.evidence'), render: (_, a) => <Evidence alert={a} /> },
  ];

  return (
    <Flex vertical gap={12}>
      {!compact && (
        <Flex justify="space-between" gap={12} wrap align="center">
          <Typography.Text type="secondary" style={{ maxWidth: 760 }}>
            {t('faces.alerts.intro')}
          </Typography.Text>
          <Select<AlertKind | 'all'>
            value={kind}
            onChange={setKind}
            style={{ minWidth: 160 }}
            data-testid="alert-kind-filter"
            options={[
              { value: 'all', label: t('faces.alerts.all') },
              ...(['same_face_other_account', 'different_face', 'id_photo_mismatch'] as const).map((k) => ({
                value: k,
                label: t(`faces.alerts.kinds.${k}`),
              })),
            ]}
          />
        </Flex>
      )}
      <QueryState loading={alerts.isLoading} error={alerts.error} onRetry={() => void alerts.refetch()}>
        {items.length === 0 ? (
          <Empty description={t('faces.alerts.empty')} />
        ) : mobile ? (
          <ul className="yx-fc-list" data-testid="alert-list">
            {items.map((a) => (
              <li key={a.id} data-testid="alert-row">
                <Flex vertical gap={4}>
                  <Flex gap={8} align="center" wrap>
                    {kindTag(a)}
                    <Typography.Text type="secondary" className="yx-fc-sub">
                      {formatDateTime(a.createdAt, i18n.language)}
                    </Typography.Text>
                  </Flex>
                  <Flex gap={6} wrap>
                    {person(a.user)}
                    {a.otherAccount && <>↔ {other(a)}</>}
                  </Flex>
                  <Typography.Text className="yx-fc-sub">
                    {t('faces.distance.value', { distance: a.distance.toFixed(3) })} / {a.threshold}
                  </Typography.Text>
                  <Evidence alert={a} />
                </Flex>
              </li>
            ))}
          </ul>
        ) : (
          <Table<FaceAlert>
            rowKey="id"
            columns={columns}
            dataSource={items}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            size="middle"
            onRow={() => ({ 'data-testid': 'alert-row' }) as object}
            data-testid="alert-list"
          />
        )}
      </QueryState>
    </Flex>
  );
}
