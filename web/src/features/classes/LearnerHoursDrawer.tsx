import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { Card, Descriptions, Drawer, Flex, Spin, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { can } from '../../app/sections';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useIsMobile } from '../../ui/useIsMobile';
import { useLearnerProgress } from './api';
import { formatMinute } from './cells';
import { ChainMismatchTag, PlanLine, StageTag } from './hours-cells';
import type { LearnerProgress, LessonProgress, SessionProgress } from './types';

/** Minutes as "1 h 05 min" style text in the reader's language, from seconds. */
function useDuration() {
  const { t } = useTranslation();
  return (seconds: number | null) =>
    seconds === null
      ? t('classes.hours.processing')
      : t('classes.hours.minutesValue', { count: Math.round(seconds / 60) });
}

type Props = { classId: string; learner: LearnerProgress | null; onClose: () => void };

/** One learner's hours: the summary, each online lesson (credited, completed) and each offline session (attended). */
export function LearnerHoursDrawer({ classId, learner, onClose }: Props) {
  const me = useMe().data;
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const detail = useLearnerProgress(classId, learner?.userId ?? null);
  const duration = useDuration();
  const data = detail.data;
  const summary = data?.learner ?? learner;

  const state = (l: LessonProgress) =>
    l.completed ? (
      <Tag color="success" icon={<CheckCircleFilled />}>
        {t('classes.hours.completed')}
      </Tag>
    ) : (
      <Tag icon={<ClockCircleOutlined />}>{t('classes.hours.notCompleted')}</Tag>
    );
  // On a phone, two columns: the lesson with its length, and what it earned.
  const lessonColumns: TableProps<LessonProgress>['columns'] = [
    {
      key: 'lesson',
      title: t('classes.hours.lesson'),
      render: (_, l) => (
        <Flex vertical>
          <span>{l.title}</span>
          <Typography.Text type="secondary" className="yx-cl-sub">
            {l.courseTitle} · {l.chapterTitle}
          </Typography.Text>
          {mobile && (
            <Typography.Text type="secondary" className="yx-cl-sub">
              {t('classes.hours.duration')} {duration(l.durationSeconds)}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    ...(mobile
      ? []
      : [
          {
            key: 'duration',
            title: t('classes.hours.duration'),
            align: 'right' as const,
            render: (_: unknown, l: LessonProgress) => (
              <span className="yx-cl-nowrap">{duration(l.durationSeconds)}</span>
            ),
          },
        ]),
    {
      key: 'credited',
      title: t('classes.hours.credited'),
      align: 'right',
      render: (_, l) => (
        <Flex vertical align="flex-end" gap={4}>
          <span className="yx-cl-hours-figure">{t('classes.hours.hoursValue', { count: l.creditedHours })}</span>
          <ChainMismatchTag verification={l.verification} />
          {mobile && state(l)}
        </Flex>
      ),
    },
    ...(mobile
      ? []
      : [{ key: 'state', title: t('classes.hours.state'), render: (_: unknown, l: LessonProgress) => state(l) }]),
  ];

  const times = (s: SessionProgress) =>
    s.checkInAt ? (
      <Flex vertical className="yx-cl-nowrap">
        <span>
          {t('classes.hours.checkIn')} {formatMinute(s.checkInAt, i18n.language)}
        </span>
        <Typography.Text type="secondary" className="yx-cl-sub">
          {t('classes.hours.checkOut')} {s.checkOutAt ? formatMinute(s.checkOutAt, i18n.language) : '—'}
        </Typography.Text>
      </Flex>
    ) : (
      <Typography.Text type="secondary">{t('classes.hours.notAttended')}</Typography.Text>
    );
  const sessionColumns: TableProps<SessionProgress>['columns'] = [
    {
      key: 'session',
      title: t('classes.hours.session'),
      render: (_, s) => (
        <Flex vertical gap={2}>
          <span>{s.title}</span>
          <Typography.Text type="secondary" className="yx-cl-sub">
            {formatMinute(s.startsAt, i18n.language)} · {s.venueName}
          </Typography.Text>
          {mobile && times(s)}
        </Flex>
      ),
    },
    ...(mobile
      ? []
      : [
          {
            key: 'times',
            title: `${t('classes.hours.checkIn')} / ${t('classes.hours.checkOut')}`,
            render: (_: unknown, s: SessionProgress) => times(s),
          },
        ]),
    {
      key: 'attended',
      title: t('classes.hours.attended'),
      align: 'right',
      render: (_, s) => (
        <Flex vertical align="flex-end" className="yx-cl-nowrap">
          <span className="yx-cl-hours-figure">{t('classes.hours.hoursValue', { count: s.classHours })}</span>
          <Typography.Text type="secondary" className="yx-cl-sub">
            {t('classes.hours.minutesValue', { count: s.minutes })}
          </Typography.Text>
        </Flex>
      ),
    },
  ];

  return (
    <Drawer
      open={learner !== null}
      onClose={onClose}
      size={mobile ? '100%' : 760}
      title={summary ? t('classes.hours.drawerTitle', { name: summary.name }) : undefined}
      // The learner's sessions, checks and face checks as evidence (learning trace).
      extra={
        summary &&
        me &&
        can(me, 'stats.trace') && (
          <Link to={`/trace/${summary.userId}`} data-testid="hours-trace">
            {t('shell.trace')}
          </Link>
        )
      }
      destroyOnHidden
    >
      {summary && (
        <Flex vertical gap={16} data-testid="learner-hours">
          <Descriptions size="small" column={mobile ? 1 : 2} bordered={!mobile}>
            <Descriptions.Item label={t('classes.hours.name')}>
              <Flex gap={8} wrap>
                <span>{summary.name}</span>
                <Typography.Text type="secondary" className="yx-cl-mono">
                  {summary.idNumberMasked}
                </Typography.Text>
              </Flex>
            </Descriptions.Item>
            <Descriptions.Item label={t('classes.hours.stage')}>
              <StageTag stage={summary.stage} />
            </Descriptions.Item>
            <Descriptions.Item label={t('classes.hours.online')}>
              {t('classes.hours.hoursValue', { count: summary.onlineHours })} ·{' '}
              {t('classes.hours.lessons', { done: summary.lessonsCompleted, total: summary.lessonsTotal })}
            </Descriptions.Item>
            <Descriptions.Item label={t('classes.hours.offline')}>
              {t('classes.hours.hoursValue', { count: summary.offlineHours })} ·{' '}
              {t('classes.hours.offlineMinutes', { minutes: summary.offlineMinutes })}
            </Descriptions.Item>
            <Descriptions.Item label={t('classes.hours.total')} span={mobile ? 1 : 2}>
              <span data-testid="learner-total">
                {summary.totalHours} / {summary.requiredHours}
              </span>
            </Descriptions.Item>
          </Descriptions>
          {data && <PlanLine plan={data.plan} />}
          <ErrorAlert error={detail.error} />
          {detail.isLoading ? (
            <Flex justify="center">
              <Spin />
            </Flex>
          ) : (
            data && (
              <>
                <Card size="small" title={t('classes.hours.lessonsTitle')}>
                  <Table<LessonProgress>
                    rowKey="lessonId"
                    size="small"
                    columns={lessonColumns}
                    dataSource={data.lessons}
                    pagination={false}
                    scroll={mobile ? undefined : { x: 'max-content' }}
                    locale={{ emptyText: t('classes.hours.noLessons') }}
                    data-testid="learner-lessons"
                  />
                </Card>
                <Card size="small" title={t('classes.hours.sessionsTitle')}>
                  <Table<SessionProgress>
                    rowKey="sessionId"
                    size="small"
                    columns={sessionColumns}
                    dataSource={data.sessions}
                    pagination={false}
                    scroll={mobile ? undefined : { x: 'max-content' }}
                    locale={{ emptyText: t('classes.hours.noSessions') }}
                    data-testid="learner-sessions"
                  />
                </Card>
              </>
            )
          )}
        </Flex>
      )}
    </Drawer>
  );
}
