import { ArrowRightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { ClassStatusTag } from '../classes/StatusTag';
import { useMyClasses } from './api';
import { gateText, LevelText, occupationName, periodText, PhaseTag } from './parts';
import type { MyClassSummary } from './types';
import './learning-classes.css';

function MyClassCard({ item }: { item: MyClassSummary }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <Card
      className="yx-lc-card"
      data-testid="my-class-card"
      data-class-id={item.id}
      title={
        <Space size={6} wrap className="yx-lc-card-title">
          <Link to={`/my/classes/${item.id}`} data-testid="my-class-name">
            {item.name}
          </Link>
          <ClassStatusTag status={item.status} />
          <PhaseTag phase={item.phase} />
        </Space>
      }
    >
      <Descriptions size="small" column={1} className="yx-lc-descriptions">
        <Descriptions.Item label={t('learnerClasses.mine.institution')}>{item.institutionName}</Descriptions.Item>
        <Descriptions.Item label={t('learnerClasses.mine.occupation')}>
          {occupationName(i18n.language, item)} · <LevelText level={item.level} />
        </Descriptions.Item>
        <Descriptions.Item label={t('learnerClasses.mine.period')}>{periodText(language, item)}</Descriptions.Item>
        <Descriptions.Item label={t('learnerClasses.mine.courses')}>
          {t('learnerClasses.mine.courseCount', { count: item.courseCount })}
        </Descriptions.Item>
        <Descriptions.Item label={t('learnerClasses.mine.offline')}>
          {t('learnerClasses.mine.offlineProgress', {
            attended: item.attendance.attended,
            sessions: item.attendance.sessions,
            hours: item.attendance.classHours,
            planned: item.offlineHours,
          })}
        </Descriptions.Item>
      </Descriptions>
      <Alert
        type={item.learning.allowed ? 'success' : 'warning'}
        showIcon
        className="yx-lc-gate"
        data-testid="learning-gate"
        data-allowed={String(item.learning.allowed)}
        data-reason={item.learning.reason}
        title={gateText(t, language, item)}
      />
      <div className="yx-lc-card-actions">
        <Link to={`/my/classes/${item.id}`}>
          <Button type="primary" icon={<ArrowRightOutlined />} data-testid="my-class-open">
            {t('learnerClasses.mine.open')}
          </Button>
        </Link>
      </div>
    </Card>
  );
}

/** /my/classes: the classes the learner is on the roster of. */
export function MyClassesPage() {
  const { t } = useTranslation();
  const query = useMyClasses();
  return (
    <>
      <PageHeader title={t('learnerClasses.mine.title')} />
      <QueryState loading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {query.data && query.data.length === 0 ? (
          <Empty description={t('learnerClasses.mine.empty')} data-testid="my-classes-empty">
            <Link to="/open-classes">
              <Button type="primary">{t('learnerClasses.mine.browseOpen')}</Button>
            </Link>
          </Empty>
        ) : (
          <>
            <div className="yx-lc-grid">
              {query.data?.map((item) => (
                <MyClassCard key={item.id} item={item} />
              ))}
            </div>
            <Typography.Paragraph className="yx-lc-footnote">
              <Link to="/open-classes">
                {t('learnerClasses.mine.browseOpen')} <ArrowRightOutlined />
              </Link>
            </Typography.Paragraph>
          </>
        )}
      </QueryState>
    </>
  );
}
