import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { DeadlineQueue } from '../../ui/DeadlineQueue';
import { PageHeader } from '../../ui/PageHeader';
import { useInstitutionQueue } from './api';
import type { InstitutionSummary } from './types';
import './institutions.css';

const reviewPath = (id: string) => `/institution-reviews/${id}`;

/** Applications waiting in the regulator's region, earliest deadline first (the server's order), overdue in red. */
export function InstitutionQueuePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queue = useInstitutionQueue();
  const link = (item: InstitutionSummary) => (
    <Link to={reviewPath(item.id)} className="yx-in-queue-name" onClick={(event) => event.stopPropagation()}>
      {item.name}
    </Link>
  );
  const region = (item: InstitutionSummary) => item.regionName ?? item.regionCode;
  return (
    <>
      <PageHeader title={t('institutions.queue.title')} />
      <DeadlineQueue<InstitutionSummary>
        items={queue.data}
        fetching={queue.isFetching}
        error={queue.error}
        intro={t('institutions.queue.intro')}
        count={(count, overdue) => t('institutions.queue.count', { count, overdue })}
        empty={t('institutions.queue.empty')}
        deadlineTitle={t('institutions.queue.deadline')}
        submitted={(time) => t('institutions.queue.submittedAt', { time })}
        columns={[
          { key: 'name', title: t('institutions.fields.name'), render: link },
          { key: 'kind', title: t('institutions.fields.kind'), render: (item) => t(`institutions.kind.${item.kind}`) },
          { key: 'region', title: t('institutions.fields.region'), render: region },
          {
            key: 'creditCode',
            title: t('institutions.fields.creditCode'),
            render: (item) => <Typography.Text className="yx-mono">{item.creditCode}</Typography.Text>,
          },
        ]}
        card={(item) => (
          <>
            {link(item)}
            <Typography.Text type="secondary">
              {t(`institutions.kind.${item.kind}`)} · {region(item)}
            </Typography.Text>
          </>
        )}
        onOpen={(item) => navigate(reviewPath(item.id))}
        testIds={{ row: 'institution-queue-row', count: 'institution-queue-count' }}
      />
    </>
  );
}
