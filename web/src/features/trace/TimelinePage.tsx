import {
  ArrowLeftOutlined,
  CameraOutlined,
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  StopOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Collapse,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Image,
  Row,
  Statistic,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { faceCheckPhotoUrl, useTimeline } from './api';
import type { CheckTrace, FaceCheckTrace, SessionTrace, Timeline as TimelineData } from './types';
import './trace.css';

const OUTCOME_COLOR: Record<CheckTrace['outcome'], string> = {
  passed: 'success',
  failed: 'error',
  missed: 'warning',
  open: 'processing',
};

/** One learner's learning as evidence: every session with where it came from, what was credited and every check. */
export function TimelinePage() {
  const { t } = useTranslation();
  const { userId } = useParams();
  const [params, setParams] = useSearchParams();
  const period = { from: params.get('from') ?? undefined, to: params.get('to') ?? undefined };
  const timeline = useTimeline(userId, period);
  const range: [Dayjs, Dayjs] | null = period.from && period.to ? [dayjs(period.from), dayjs(period.to)] : null;
  return (
    <Flex vertical gap={12}>
      <PageHeader
        title={timeline.data ? `${t('trace.title')} · ${timeline.data.learner.name}` : t('trace.title')}
        extra={
          <Link to="/trace">
            <Button icon={<ArrowLeftOutlined />}>{t('trace.back')}</Button>
          </Link>
        }
      />
      <Flex align="center" gap={8} wrap>
        <Typography.Text type="secondary">{t('trace.period')}</Typography.Text>
        <DatePicker.RangePicker
          value={range}
          allowEmpty={[true, true]}
          data-testid="trace-period"
          onChange={(value) => {
            const next = new URLSearchParams();
            if (value?.[0]) next.set('from', value[0].format('YYYY-MM-DD'));
            if (value?.[1]) next.set('to', value[1].format('YYYY-MM-DD'));
            setParams(next);
          }}
        />
      </Flex>
      <QueryState loading={timeline.isPending} error={timeline.error} onRetry={() => void timeline.refetch()}>
        {timeline.data && <TimelineView data={timeline.data} />}
      </QueryState>
    </Flex>
  );
}

function TimelineView({ data }: { data: TimelineData }) {
  const { t } = useTranslation();
  const minutes = (ms: number) => t('trace.minutes', { count: Math.round(ms / 6000) / 10 });
  const { learner, totals } = data;
  return (
    <Flex vertical gap={12} data-testid="trace-timeline">
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: 'name', label: t('trace.name'), children: learner.name },
            {
              key: 'id',
              label: t('trace.idNumber'),
              children: <span className="yx-trace-mono">{learner.idNumberMasked}</span>,
            },
            { key: 'phone', label: t('trace.phone'), children: learner.phoneMasked },
            { key: 'institution', label: t('trace.institution'), children: learner.institutionName ?? '—' },
            {
              key: 'classes',
              label: t('trace.classes'),
              span: 'filled',
              children: data.classes.map((c) => (
                <Tag key={c.id}>
                  <Link to={`/classes/${c.id}?tab=hours`}>{c.name}</Link>
                </Tag>
              )),
            },
          ]}
        />
        <Row gutter={[12, 12]} style={{ marginTop: 8 }}>
          <Col xs={12} md={8} xl={4}>
            <Statistic title={t('trace.totals.sessions')} value={totals.sessions} />
          </Col>
          <Col xs={12} md={8} xl={5}>
            <Statistic title={t('trace.totals.credited')} value={minutes(totals.creditedMs)} />
          </Col>
          <Col xs={12} md={8} xl={5}>
            <Statistic
              title={t('trace.totals.refused')}
              value={totals.refused}
              valueStyle={totals.refused ? { color: '#cf1322' } : undefined}
            />
          </Col>
          <Col xs={12} md={8} xl={5}>
            <Statistic title={t('trace.totals.checks')} value={`${totals.checksPassed} / ${totals.checksFailed}`} />
          </Col>
          <Col xs={12} md={8} xl={5}>
            <Statistic
              title={t('trace.totals.faces')}
              value={`${totals.faceChecksPassed} / ${totals.faceChecksFailed}`}
            />
          </Col>
        </Row>
      </Card>
      {data.placeNote && <Alert type="info" showIcon message={t('trace.placeNote')} />}
      {data.truncated && <Alert type="warning" showIcon message={t('trace.truncated')} />}
      {data.sessions.length === 0 ? (
        <Card size="small">
          <Empty description={t('trace.noSessions')} />
        </Card>
      ) : (
        <Timeline
          items={data.sessions.map((s) => ({
            key: s.id,
            color:
              s.refused.length ||
              s.checks.some((c) => c.outcome !== 'passed' && c.outcome !== 'open') ||
              s.faceChecks.some((f) => f.result !== 'pass')
                ? 'red'
                : s.end.kind === 'superseded'
                  ? 'orange'
                  : 'blue',
            children: <SessionCard session={s} maySeePhotos={data.maySeePhotos} />,
          }))}
        />
      )}
      {data.otherFaceChecks.length > 0 && (
        <Card size="small" title={t('trace.otherFaceChecks')}>
          <FaceChecks checks={data.otherFaceChecks} maySeePhotos={data.maySeePhotos} />
        </Card>
      )}
    </Flex>
  );
}

function SessionCard({ session: s, maySeePhotos }: { session: SessionTrace; maySeePhotos: boolean }) {
  const { t, i18n } = useTranslation();
  const time = (iso: string) => formatDateTime(iso, i18n.language);
  const endTag = (
    <Tag color={s.end.kind === 'ended' ? 'default' : s.end.kind === 'superseded' ? 'orange' : 'processing'}>
      {t(`trace.session.end.${s.end.kind}`)}
    </Tag>
  );
  return (
    <Card
      size="small"
      className="yx-trace-session"
      data-testid="trace-session"
      title={
        <Flex gap={8} wrap align="center">
          <span>{s.lessonTitle}</span>
          <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
            {s.courseTitle} · {s.className}
          </Typography.Text>
        </Flex>
      }
      extra={endTag}
    >
      <Flex vertical gap={8}>
        <Flex gap={24} wrap className="yx-trace-meta">
          <span>
            {t('trace.session.started')} <b>{time(s.startedAt)}</b>
          </span>
          <span>
            {t('trace.session.last')} <b>{time(s.lastAt)}</b>
          </span>
          <span>
            {t('trace.session.credited')} <b>{t('trace.minutes', { count: Math.round(s.creditedMs / 6000) / 10 })}</b> ·{' '}
            {t('trace.session.heartbeats', { count: s.heartbeats })}
          </span>
        </Flex>
        <Flex gap={24} wrap className="yx-trace-meta">
          <span>
            {t('trace.session.ip')} <b className="yx-trace-mono">{s.ip}</b>
          </span>
          <span>
            {t('trace.session.place')} <b>{s.place ?? t('trace.session.noPlace')}</b>
          </span>
          <Tooltip title={s.userAgent}>
            <span>
              {t('trace.session.device')} <b>{s.device}</b>{' '}
              <span className="yx-trace-mono">
                ({s.deviceId.length > 16 ? `…${s.deviceId.slice(-12)}` : s.deviceId})
              </span>
            </span>
          </Tooltip>
          {s.end.kind === 'superseded' && (
            <span>{t('trace.session.supersededBy', { device: s.end.byDevice ?? '—', ip: s.end.byIp ?? '—' })}</span>
          )}
        </Flex>
        {s.checks.length > 0 && (
          <Flex gap={6} wrap align="center" data-testid="trace-checks">
            <Typography.Text type="secondary">{t('trace.checks')}</Typography.Text>
            {s.checks.map((c) => (
              <Tooltip
                key={c.checkId}
                title={[
                  t('trace.issuedAt', { time: time(c.issuedAt) }),
                  ...c.answers.map((a) => `${time(a.at)} ${t(`trace.answer.${a.result}`, { defaultValue: a.result })}`),
                ].join(' · ')}
              >
                <Tag color={OUTCOME_COLOR[c.outcome]}>
                  {t(`trace.checkKinds.${c.kind}`, { defaultValue: c.kind })} · {t(`trace.outcome.${c.outcome}`)}
                </Tag>
              </Tooltip>
            ))}
          </Flex>
        )}
        {s.faceChecks.length > 0 && <FaceChecks checks={s.faceChecks} maySeePhotos={maySeePhotos} />}
        {s.refused.length > 0 && (
          <Collapse
            size="small"
            items={[
              {
                key: 'refused',
                label: (
                  <span>
                    <StopOutlined style={{ color: '#cf1322' }} /> {t('trace.refused', { count: s.refused.length })}
                  </span>
                ),
                children: (
                  <ul className="yx-trace-list">
                    {s.refused.map((r, i) => (
                      <li key={i}>
                        {time(r.at)} · {t(`trace.refusedReasons.${r.reason}`, { defaultValue: r.reason })}
                      </li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
        )}
      </Flex>
    </Card>
  );
}

/** Face checks with their photos behind a click: each viewing is audited on the server. */
function FaceChecks({ checks, maySeePhotos }: { checks: FaceCheckTrace[]; maySeePhotos: boolean }) {
  const { t, i18n } = useTranslation();
  const [shown, setShown] = useState<Record<string, boolean>>({});
  return (
    <Flex vertical gap={4}>
      <Typography.Text type="secondary">
        {t('trace.faceChecks')}
        {maySeePhotos && ` · ${t('trace.photoNote')}`}
      </Typography.Text>
      <Flex gap={12} wrap>
        {checks.map((f) => (
          <Flex key={f.id} vertical gap={4} className="yx-trace-face" data-testid="trace-face-check">
            {shown[f.id] ? (
              <Image
                className="yx-trace-face-photo"
                src={faceCheckPhotoUrl(f.id)}
                width={152}
                height={114}
                data-testid="trace-face-photo"
              />
            ) : (
              <div className="yx-trace-face-empty">
                {f.hasPhoto && maySeePhotos ? (
                  <Button
                    size="small"
                    icon={<CameraOutlined />}
                    onClick={() => setShown((s) => ({ ...s, [f.id]: true }))}
                    data-testid="trace-show-photo"
                  >
                    {t('trace.showPhoto')}
                  </Button>
                ) : (
                  t('trace.noPhoto')
                )}
              </div>
            )}
            <span>
              {f.result === 'pass' ? (
                <CheckCircleFilled style={{ color: '#52c41a' }} />
              ) : f.result === 'fail' ? (
                <CloseCircleFilled style={{ color: '#cf1322' }} />
              ) : (
                <ExclamationCircleFilled style={{ color: '#faad14' }} />
              )}{' '}
              {t(`trace.faceResult.${f.result}`, { defaultValue: f.result })} ·{' '}
              {formatDateTime(f.at, i18n.language).slice(-8)}
            </span>
            {f.distance !== null && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('trace.distance', { distance: f.distance, threshold: f.threshold })}
              </Typography.Text>
            )}
          </Flex>
        ))}
      </Flex>
    </Flex>
  );
}
