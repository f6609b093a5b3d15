import { DownloadOutlined, ProfileOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, List, Progress, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { can } from '../../app/sections';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { useIsMobile } from '../../ui/useIsMobile';
import { progressExportUrl, useClassProgress } from './api';
import { ChainMismatchTag, PlanLine, STAGE_COLORS, StageTag } from './hours-cells';
import { LearnerHoursDrawer } from './LearnerHoursDrawer';
import { LEARNER_STAGES, type ClassDetail, type LearnerProgress, type LearnerStage } from './types';
import './changes.css';

const percent = (have: number, need: number) => (need > 0 ? Math.min(100, Math.floor((have / need) * 100)) : 100);

/** 学时: each learner's online and offline hours against the class's requirement, the detail per learner, the export. */
export function HoursTab({ detail }: { detail: ClassDetail }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const mobile = useIsMobile();
  const progress = useClassProgress(detail.id);
  const [open, setOpen] = useState<LearnerProgress | null>(null);
  const data = progress.data;
  const learners = data?.learners ?? [];
  const mayExport = !!me && can(me, 'classes.progress.export');

  const columns: TableProps<LearnerProgress>['columns'] = [
    {
      key: 'name',
      title: t('classes.hours.name'),
      fixed: 'left',
      render: (_, l) => (
        <Flex vertical>
          <Typography.Link onClick={() => setOpen(l)} data-testid="hours-name">
            {l.name}
          </Typography.Link>
          <Typography.Text type="secondary" className="yx-cl-mono yx-cl-sub">
            {l.idNumberMasked}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'enrolment',
      title: t('classes.hours.enrolment'),
      dataIndex: 'enrolment',
      render: (value: LearnerProgress['enrolment']) => (
        <Tag color={value === 'enrolled' ? 'green' : 'default'}>{t(`classes.hours.enrolments.${value}`)}</Tag>
      ),
    },
    {
      key: 'online',
      title: t('classes.hours.online'),
      align: 'right',
      render: (_, l) => (
        <Flex vertical align="flex-end">
          <span className="yx-cl-hours-figure" data-testid="hours-online">
            {l.onlineHours} / {data?.plan.onlineRequiredHours}
          </span>
          <ChainMismatchTag verification={l.verification} />
          <Typography.Text type="secondary" className="yx-cl-sub yx-cl-nowrap">
            {t('classes.hours.lessons', { done: l.lessonsCompleted, total: l.lessonsTotal })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'offline',
      title: t('classes.hours.offline'),
      align: 'right',
      render: (_, l) => (
        <Flex vertical align="flex-end">
          <span className="yx-cl-hours-figure" data-testid="hours-offline">
            {l.offlineHours} / {data?.plan.offlineRequiredHours}
          </span>
          <Typography.Text type="secondary" className="yx-cl-sub yx-cl-nowrap">
            {t('classes.hours.offlineMinutes', { minutes: l.offlineMinutes })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'total',
      title: t('classes.hours.total'),
      render: (_, l) => (
        <Flex vertical>
          <span className="yx-cl-hours-figure" data-testid="hours-total">
            {l.totalHours} / {l.requiredHours}
          </span>
          <Progress
            className="yx-cl-hours-bar"
            percent={percent(l.totalHours, l.requiredHours)}
            size="small"
            showInfo={false}
            status={l.stage === 'completed' ? 'success' : 'normal'}
          />
        </Flex>
      ),
    },
    {
      key: 'stage',
      title: t('classes.hours.stage'),
      dataIndex: 'stage',
      render: (stage: LearnerStage) => <StageTag stage={stage} />,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, l) => (
        <Button
          type="link"
          size="small"
          icon={<ProfileOutlined />}
          onClick={() => setOpen(l)}
          data-testid="hours-detail"
        >
          {t('classes.hours.detail')}
        </Button>
      ),
    },
  ];

  const counts = LEARNER_STAGES.map((stage) => ({
    stage,
    count: learners.filter((l) => l.stage === stage && l.enrolment === 'enrolled').length,
  }));

  return (
    <div className="yx-cl-form-cards">
      <Card
        size="small"
        title={t('classes.page.tabHours')}
        extra={
          mayExport && (
            <Tooltip title={t('classes.hours.exportNote')}>
              <Button
                icon={<DownloadOutlined />}
                href={progressExportUrl(detail.id)}
                download
                data-testid="hours-export"
              >
                {t('classes.hours.export')}
              </Button>
            </Tooltip>
          )
        }
      >
        <Flex vertical gap={8} style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('classes.hours.intro')}</Typography.Text>
          {data && <PlanLine plan={data.plan} />}
          {data && (
            <Flex gap={6} wrap data-testid="stage-counts">
              {counts.map(({ stage, count }) => (
                <Tag key={stage} color={STAGE_COLORS[stage]}>
                  {t('classes.hours.stageCount', { stage: t(`classes.hours.stages.${stage}`), count })}
                </Tag>
              ))}
            </Flex>
          )}
        </Flex>
        <ErrorAlert error={progress.error} className="yx-form-alert" />
        {!!data?.verification?.mismatches && (
          <Alert
            type="error"
            showIcon
            className="yx-form-alert"
            data-testid="hours-mismatch-alert"
            title={t('classes.hours.mismatchAlert', {
              count: data.verification.mismatches,
              at: formatDateTime(data.verification.checkedAt, i18n.language),
            })}
          />
        )}
        {mobile ? (
          <List
            dataSource={learners}
            loading={progress.isFetching && !data}
            locale={{ emptyText: t('classes.hours.empty') }}
            split={false}
            pagination={learners.length > 50 ? { pageSize: 50, size: 'small' } : false}
            renderItem={(l) => (
              <List.Item className="yx-cl-queue-item">
                <Card
                  size="small"
                  hoverable
                  className="yx-cl-queue-card"
                  onClick={() => setOpen(l)}
                  data-testid="hours-row"
                  data-stage={l.stage}
                >
                  <Flex vertical gap={6}>
                    <Flex justify="space-between" align="center" gap={8}>
                      <span>
                        <Typography.Text strong data-testid="hours-name">
                          {l.name}
                        </Typography.Text>{' '}
                        <Typography.Text type="secondary" className="yx-cl-mono yx-cl-sub">
                          {l.idNumberMasked}
                        </Typography.Text>
                      </span>
                      <Flex gap={4}>
                        {l.enrolment === 'withdrawn' && <Tag>{t('classes.hours.enrolments.withdrawn')}</Tag>}
                        <StageTag stage={l.stage} />
                      </Flex>
                    </Flex>
                    <Flex justify="space-between" gap={8} wrap className="yx-cl-sub">
                      <span>
                        {t('classes.hours.online')}{' '}
                        <span className="yx-cl-hours-figure">
                          {l.onlineHours} / {data?.plan.onlineRequiredHours}
                        </span>{' '}
                        <ChainMismatchTag verification={l.verification} />
                      </span>
                      <span>
                        {t('classes.hours.offline')}{' '}
                        <span className="yx-cl-hours-figure">
                          {l.offlineHours} / {data?.plan.offlineRequiredHours}
                        </span>
                      </span>
                    </Flex>
                    <Flex align="center" gap={8}>
                      <Progress
                        className="yx-cl-hours-bar"
                        style={{ flex: 1 }}
                        percent={percent(l.totalHours, l.requiredHours)}
                        size="small"
                        showInfo={false}
                        status={l.stage === 'completed' ? 'success' : 'normal'}
                      />
                      <span className="yx-cl-hours-figure yx-cl-sub">
                        {l.totalHours} / {l.requiredHours}
                      </span>
                    </Flex>
                  </Flex>
                </Card>
              </List.Item>
            )}
          />
        ) : (
          <Table<LearnerProgress>
            rowKey="userId"
            size="small"
            columns={columns}
            dataSource={learners}
            loading={progress.isFetching && !data}
            scroll={{ x: 'max-content' }}
            onRow={(l) => ({ 'data-testid': 'hours-row', 'data-stage': l.stage }) as React.HTMLAttributes<HTMLElement>}
            locale={{ emptyText: progress.isFetching ? t('common.loading') : t('classes.hours.empty') }}
            pagination={{
              pageSize: 50,
              hideOnSinglePage: true,
              showSizeChanger: false,
              showTotal: (total) => t('common.total', { total }),
            }}
          />
        )}
        {mayExport && (
          <Typography.Paragraph type="secondary" className="yx-cl-sub" style={{ margin: '12px 0 0' }}>
            {t('classes.hours.exportNote')}
          </Typography.Paragraph>
        )}
      </Card>
      <LearnerHoursDrawer classId={detail.id} learner={open} onClose={() => setOpen(null)} />
    </div>
  );
}
