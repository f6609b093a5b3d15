import { Badge, Card, Empty, Input, List, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { useUsers } from '../users/api';
import { useReenrolments } from './api';
import { AlertList } from './AlertList';
import { ReenrolmentList } from './ReenrolmentList';
import './faces.css';

const TABS = ['requests', 'decided', 'alerts', 'learners'] as const;
type Tab = (typeof TABS)[number];

/** Finding a learner to open their faces (e.g. to upload an ID photo). */
function LearnerSearch() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const users = useUsers({ q: q || undefined, role: 'learner', page: 1, pageSize: 20 });
  return (
    <>
      <Input.Search
        allowClear
        placeholder={t('faces.learner.search')}
        onSearch={(v) => setQ(v.trim())}
        style={{ maxWidth: 360, marginBottom: 12 }}
        id="face-learner-search"
      />
      {!q ? (
        <Typography.Paragraph type="secondary">{t('faces.learner.searchEmpty')}</Typography.Paragraph>
      ) : (
        <QueryState loading={users.isLoading} error={users.error}>
          {(users.data?.items.length ?? 0) === 0 ? (
            <Empty />
          ) : (
            <List
              dataSource={users.data?.items ?? []}
              renderItem={(u) => (
                <List.Item
                  actions={[
                    <Link key="open" to={`/faces/learners/${u.id}`} data-testid="learner-faces-link">
                      {t('faces.learner.open')}
                    </Link>,
                  ]}
                >
                  <List.Item.Meta
                    title={u.name}
                    description={[u.phoneMasked, u.institutionName].filter(Boolean).join(' · ')}
                  />
                </List.Item>
              )}
            />
          )}
        </QueryState>
      )}
    </>
  );
}

/**
 * Face checks for staff: re-enrolment reviews (the learner's institution decides; regulators see their region read
 * only), decided requests, face alerts and a learner finder.
 */
export function FacesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'requests';
  const pending = useReenrolments('pending');
  return (
    <>
      <PageHeader title={t('faces.staff.title')} />
      <Typography.Paragraph type="secondary">{t('faces.staff.intro')}</Typography.Paragraph>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'requests' ? {} : { tab: key }, { replace: true })}
          items={[
            {
              key: 'requests',
              label: (
                <span data-testid="tab-requests">
                  {t('faces.staff.tabs.requests')} <Badge count={pending.data?.length ?? 0} size="small" />
                </span>
              ),
              children: <ReenrolmentList status="pending" />,
            },
            {
              key: 'decided',
              label: <span data-testid="tab-decided">{t('faces.staff.tabs.decided')}</span>,
              children: <ReenrolmentList status="decided" />,
            },
            {
              key: 'alerts',
              label: <span data-testid="tab-alerts">{t('faces.staff.tabs.alerts')}</span>,
              children: <AlertList />,
            },
            {
              key: 'learners',
              label: <span data-testid="tab-learners">{t('faces.staff.tabs.learners')}</span>,
              children: <LearnerSearch />,
            },
          ]}
        />
      </Card>
    </>
  );
}
