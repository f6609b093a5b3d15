import { ArrowLeftOutlined, LogoutOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useErrorText } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { useIsMobile } from '../../ui/useIsMobile';
import { ClassStatusTag } from '../classes/StatusTag';
import { useMyClass, useWithdrawSelf } from './api';
import { gateText, LevelText, occupationName, periodText, PhaseTag } from './parts';
import { SessionList } from './SessionList';
import { StartLearningButton } from './StartLearningButton';
import type { MyClassDetail } from './types';
import './learning-classes.css';

function WithdrawButton({ detail }: { detail: MyClassDetail }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const withdraw = useWithdrawSelf();
  return (
    <Button
      danger
      icon={<LogoutOutlined />}
      data-testid="withdraw"
      onClick={() =>
        modal.confirm({
          title: t('learnerClasses.page.withdrawConfirm', { name: detail.name }),
          content: t('learnerClasses.page.withdrawBody'),
          okText: t('learnerClasses.page.withdraw'),
          okButtonProps: { danger: true },
          cancelText: t('common.cancel'),
          onOk: () =>
            withdraw.mutateAsync(detail.id).then(
              () => {
                void message.success(t('learnerClasses.page.withdrawn'));
                void navigate('/my/classes', { replace: true });
              },
              (error: unknown) => void message.error(errorText(error).message),
            ),
        })
      }
    >
      {t('learnerClasses.page.withdraw')}
    </Button>
  );
}

function ClassBody({ detail }: { detail: MyClassDetail }) {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const language = i18n.language;
  const gate = gateText(t, language, detail);
  return (
    <>
      <PageHeader
        title={
          <Space size={8} wrap>
            <span data-testid="my-class-title">{detail.name}</span>
            <ClassStatusTag status={detail.status} />
            <PhaseTag phase={detail.phase} />
          </Space>
        }
        extra={detail.withdrawable ? <WithdrawButton detail={detail} /> : undefined}
      />
      <Alert
        type={detail.learning.allowed ? 'success' : 'warning'}
        showIcon
        className="yx-form-alert"
        data-testid="learning-gate"
        data-allowed={String(detail.learning.allowed)}
        data-reason={detail.learning.reason}
        title={gate}
      />
      <div className="yx-lc-stack">
        <Card size="small" title={t('learnerClasses.page.info')}>
          <Descriptions size="small" column={mobile ? 1 : 2} bordered={!mobile}>
            <Descriptions.Item label={t('learnerClasses.mine.institution')}>{detail.institutionName}</Descriptions.Item>
            <Descriptions.Item label={t('learnerClasses.mine.occupation')}>
              {occupationName(language, detail)}
              {language === 'en' ? ` (${detail.occupationCode})` : `（${detail.occupationCode}）`} ·{' '}
              <LevelText level={detail.level} />
            </Descriptions.Item>
            <Descriptions.Item label={t('learnerClasses.mine.period')}>
              {periodText(language, detail)}
            </Descriptions.Item>
            <Descriptions.Item label={t('learnerClasses.page.source')}>
              {t(`learnerClasses.source.${detail.source}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('learnerClasses.page.offlineHours')}>
              <span data-testid="offline-hours">
                {t('learnerClasses.page.offlineHoursValue', {
                  hours: detail.attendance.classHours,
                  planned: detail.offlineHours,
                })}
              </span>
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card size="small" title={t('learnerClasses.page.courses')} data-testid="my-courses">
          <ul className="yx-lc-courses">
            {detail.courses.map((c) => (
              <li key={c.id} data-testid="my-course">
                <Flex justify="space-between" align="center" gap={8} wrap>
                  <Flex vertical gap={2} className="yx-lc-course-text">
                    <Link to={`/catalog/courses/${c.id}`}>{c.title}</Link>
                    <Typography.Text type="secondary" className="yx-lc-sub">
                      {t('learnerClasses.page.lessons', { count: c.lessons })} ·{' '}
                      {t('learnerClasses.page.classHours', { count: c.classHours })}
                    </Typography.Text>
                  </Flex>
                  <StartLearningButton
                    classId={detail.id}
                    courseId={c.id}
                    allowed={detail.learning.allowed}
                    refusal={gate}
                  />
                </Flex>
              </li>
            ))}
          </ul>
          <Link to={`/my/classes/${detail.id}/exams`} data-testid="my-exams">
            {t('exams.list.title')}
          </Link>
        </Card>
        <SessionList detail={detail} />
      </div>
    </>
  );
}

/** /my/classes/:id: one of the learner's classes. */
export function MyClassPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useMyClass(id);
  return (
    <>
      <Link to="/my/classes" className="yx-lc-back">
        <ArrowLeftOutlined /> {t('learnerClasses.page.back')}
      </Link>
      <QueryState loading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {query.data && <ClassBody detail={query.data} />}
      </QueryState>
    </>
  );
}
