import { Button, Drawer, Flex, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeDevice } from '../../api/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { QueryState } from '../../ui/QueryState';
import { useIsMobile } from '../../ui/useIsMobile';
import { useMySessions, useSessionRecords } from './api';
import { formatClock, formatDuration, reasonText } from './reasons';
import type { CreditReason, LearningRecord, SessionSummary } from './types';

function timeOf(iso: string, language: string): string {
  return formatDateTime(iso, language).slice(-8);
}

/** One line about a record, from the evidence it carries. */
/** A record's data: an object for every kind the engine writes (the typed union of issue 13 will replace this). */
const dataOf = (record: LearningRecord) => (record.data ?? {}) as Record<string, unknown>;

function recordDetail(t: TFunction, record: LearningRecord): string {
  const d = dataOf(record);
  switch (record.kind) {
    case 'session_started':
      return t('learning.records.startedFrom', {
        position: formatClock(Number(d.positionMs ?? 0)),
        ip: String(d.ip ?? '—'),
      });
    case 'heartbeat': {
      // The reason judges the interval before this report; without one, the report's own state says what was going on.
      if (d.reason) return reasonText(t, d.reason as CreditReason, Number(d.capMs ?? 0), null);
      return [
        d.playing ? t('learning.records.playing') : t('learning.records.notPlaying'),
        d.visible === false ? t('learning.records.background') : null,
      ]
        .filter(Boolean)
        .join(' · ');
    }
    case 'heartbeat_refused':
      return reasonText(t, d.reason as CreditReason, 0, null);
    case 'check_answered': {
      // A face check's answer also says why it did not pass (the faces module's reason).
      const face = d.face as { reason?: string | null; liveness?: { action?: string } | null } | undefined;
      const answer = t(`learning.records.${d.kind === 'face' ? 'answerFace' : 'answer'}.${String(d.result)}`);
      if (!face?.reason) return answer;
      const action = face.liveness?.action ? t(`learning.faceCheck.action.${face.liveness.action}`) : '';
      return `${answer} · ${t(`learning.faceCheck.reason.${face.reason}`, { action, defaultValue: face.reason })}`;
    }
    case 'session_ended':
      return t('learning.records.sessionTotal', { duration: formatDuration(t, Number(d.creditedMs ?? 0)) });
    default:
      return '';
  }
}

function RecordsDrawer({ session, onClose }: { session: SessionSummary | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const records = useSessionRecords(session?.id ?? null);
  const detail: TableProps<LearningRecord>['columns'] = [
    {
      key: 'detail',
      title: t('learning.records.detail'),
      render: (_, r) => <span className="yx-learn-small yx-learn-detail">{recordDetail(t, r)}</span>,
    },
    {
      key: 'hash',
      title: t('learning.records.hash'),
      render: (_, r) => <span className="yx-mono yx-learn-small">{r.hash.slice(0, 8)}</span>,
    },
  ];
  const columns: TableProps<LearningRecord>['columns'] = [
    {
      key: 'time',
      title: t('learning.records.time'),
      render: (_, r) => <span className="yx-learn-nowrap">{timeOf(r.at, i18n.language)}</span>,
    },
    {
      key: 'event',
      title: t('learning.records.event'),
      // On a phone the detail goes under the event instead of into columns of its own.
      render: (_, r) => (
        <Flex vertical>
          <span className="yx-learn-nowrap">{t(`learning.records.kind.${r.kind}`, { defaultValue: r.kind })}</span>
          {mobile && recordDetail(t, r) && (
            <Typography.Text type="secondary" className="yx-learn-small">
              {recordDetail(t, r)}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'position',
      title: t('learning.records.position'),
      align: 'right',
      render: (_, r) => {
        const position = dataOf(r).positionMs;
        return typeof position === 'number' ? formatClock(position) : '—';
      },
    },
    {
      key: 'credited',
      title: t('learning.records.credited'),
      align: 'right',
      render: (_, r) =>
        r.creditedMs > 0 ? (
          <Typography.Text type="success" className="yx-learn-nowrap">
            +{formatDuration(t, r.creditedMs)}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    ...(mobile ? [] : detail),
  ];
  return (
    <Drawer
      open={!!session}
      onClose={onClose}
      size={mobile ? '100%' : 760}
      title={session ? `${t('learning.records.drawerTitle')} · ${session.lessonTitle}` : ''}
      destroyOnHidden
    >
      {session && (
        <Flex vertical gap={12} data-testid="records-drawer">
          <Typography.Text type="secondary" className="yx-learn-small">
            {t('learning.records.chainNote')}
          </Typography.Text>
          <ErrorAlert error={records.error} />
          <Table<LearningRecord>
            rowKey="chainSeq"
            size="small"
            loading={records.isLoading}
            columns={columns}
            dataSource={records.data ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={mobile ? undefined : { x: 'max-content' }}
          />
        </Flex>
      )}
    </Drawer>
  );
}

/** The learner's own sessions in the class, newest first, each opening its evidence. */
export function SessionRecords({ classId }: { classId: string }) {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const sessions = useMySessions(classId);
  const [open, setOpen] = useState<SessionSummary | null>(null);

  const columns: TableProps<SessionSummary>['columns'] = [
    {
      key: 'lesson',
      title: t('learning.records.lesson'),
      render: (_, s) => (
        <Flex vertical>
          <span>{s.lessonTitle}</span>
          {mobile && (
            <Typography.Text type="secondary" className="yx-learn-small yx-learn-nowrap">
              {formatDateTime(s.startedAt, i18n.language)}
            </Typography.Text>
          )}
          <span>
            <Tag color={s.ended ? 'default' : 'processing'}>
              {t(s.ended ? 'learning.records.ended' : 'learning.records.active')}
            </Tag>
          </span>
        </Flex>
      ),
    },
    ...(mobile
      ? []
      : [
          {
            key: 'times',
            title: `${t('learning.records.startedAt')} / ${t('learning.records.lastAt')}`,
            render: (_: unknown, s: SessionSummary) => (
              <Flex vertical className="yx-learn-nowrap">
                <span>{formatDateTime(s.startedAt, i18n.language)}</span>
                <Typography.Text type="secondary" className="yx-learn-small">
                  {formatDateTime(s.lastAt, i18n.language)}
                </Typography.Text>
              </Flex>
            ),
          },
        ]),
    {
      key: 'credited',
      title: t('learning.records.credited'),
      align: 'right',
      render: (_, s) => (
        <span className="yx-learn-nowrap" data-testid="session-row-credited" data-ms={s.creditedMs}>
          {formatDuration(t, s.creditedMs)}
        </span>
      ),
    },
    { key: 'ip', title: t('learning.records.ip'), render: (_, s) => <span className="yx-mono">{s.ip}</span> },
    {
      key: 'device',
      title: t('learning.records.device'),
      render: (_, s) => (
        <Flex vertical>
          <span className="yx-learn-nowrap">{describeDevice(s.userAgent)}</span>
          <Typography.Text type="secondary" className="yx-mono yx-learn-small">
            {s.deviceId.slice(0, 8)}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'heartbeats', title: t('learning.records.heartbeats'), align: 'right', dataIndex: 'heartbeats' },
    {
      key: 'refused',
      title: t('learning.records.refused'),
      align: 'right',
      render: (_, s) => (s.refused > 0 ? <Tag color="warning">{s.refused}</Tag> : 0),
    },
    {
      key: 'missed',
      title: t('learning.records.checksMissed'),
      align: 'right',
      render: (_, s) => (s.checksMissed > 0 ? <Tag color="error">{s.checksMissed}</Tag> : 0),
    },
    {
      key: 'open',
      title: t('common.actions'),
      fixed: mobile ? undefined : 'right',
      render: (_, s) => (
        <Button size="small" onClick={() => setOpen(s)} data-testid="session-open">
          {t('learning.records.open')}
        </Button>
      ),
    },
  ];

  return (
    <QueryState loading={sessions.isLoading} error={sessions.error} onRetry={() => void sessions.refetch()}>
      <div data-testid="session-table">
        <Table<SessionSummary>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={sessions.data ?? []}
          locale={{ emptyText: t('learning.records.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
        />
      </div>
      <RecordsDrawer session={open} onClose={() => setOpen(null)} />
    </QueryState>
  );
}
