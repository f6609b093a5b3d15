import { Button, Card, Flex, List, Table, Tabs, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { can } from '../../app/sections';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { beijingToday, formatDate } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useIsMobile';
import { useClasses } from '../classes/api';
import type { ClassSummary } from '../classes/types';
import { useClaims } from './api';
import { claimPath, ClaimQueue, ClaimTable } from './ClaimList';
import type { ClaimSummary } from './types';
import './subsidies.css';

export const newClaimPath = (classId: string) => `/subsidies/classes/${classId}/claim`;

/**
 * 补贴申请 / 补贴审核: an institution's claims and the finished classes it can claim for; a regulator's queue of the
 * region subtree and every claim; the operator's list.
 */
export function SubsidiesPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return null;
  if (can(me, 'subsidies.claim')) {
    return (
      <>
        <PageHeader title={t('subsidies.title')} />
        <Typography.Paragraph type="secondary">{t('subsidies.introInstitution')}</Typography.Paragraph>
        <Tabs
          items={[
            { key: 'claims', label: t('subsidies.tabs.claims'), children: <ClaimTable showInstitution={false} /> },
            { key: 'classes', label: t('subsidies.tabs.classes'), children: <ClaimableClasses /> },
          ]}
        />
      </>
    );
  }
  if (can(me, 'subsidies.review')) {
    return (
      <>
        <PageHeader title={t('subsidies.titleRegulator')} />
        <Tabs
          items={[
            { key: 'queue', label: t('subsidies.tabs.queue'), children: <ClaimQueue /> },
            { key: 'all', label: t('subsidies.tabs.all'), children: <ClaimTable showInstitution /> },
          ]}
        />
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('subsidies.title')} />
      <Typography.Paragraph type="secondary">{t('subsidies.introOperator')}</Typography.Paragraph>
      <ClaimTable showInstitution />
    </>
  );
}

/** Approved classes past their end date and closed classes: subsidies are claimed once the training is over. */
function ClaimableClasses() {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const classes = useClasses(undefined);
  const claims = useClaims();
  const today = beijingToday();
  const finished = (c: ClassSummary) => c.status === 'closed' || c.endDate < today;
  const items = (classes.data ?? [])
    .filter((c) => c.status === 'approved' || c.status === 'closed')
    .sort((a, b) => Number(finished(b)) - Number(finished(a)) || b.endDate.localeCompare(a.endDate));
  const claimOf = new Map<string, ClaimSummary>();
  for (const claim of claims.data ?? []) if (!claimOf.has(claim.classId)) claimOf.set(claim.classId, claim);
  const dates = (c: ClassSummary) =>
    `${formatDate(c.startDate, i18n.language)} – ${formatDate(c.endDate, i18n.language)}`;

  const action = (c: ClassSummary) => {
    const claim = claimOf.get(c.id);
    if (claim) {
      return (
        <Link to={claimPath(claim.id)} data-testid="class-claim-link">
          {t('subsidies.classes.viewClaim')}
        </Link>
      );
    }
    if (!finished(c)) return <Tag>{t('subsidies.classes.notFinished')}</Tag>;
    return (
      <Button type="primary" size="small" onClick={() => navigate(newClaimPath(c.id))} data-testid="class-claim">
        {t('subsidies.classes.claim')}
      </Button>
    );
  };

  const columns: TableProps<ClassSummary>['columns'] = [
    { key: 'name', title: t('subsidies.fields.className'), dataIndex: 'name' },
    {
      key: 'occupation',
      title: t('subsidies.fields.occupation'),
      render: (_, c) =>
        `${c.occupationName} · ${t('subsidies.fields.levelN', { code: c.occupationCode, level: c.level })}`,
    },
    {
      key: 'dates',
      title: t('subsidies.fields.classDates'),
      render: (_, c) => <span className="yx-sb-nowrap">{dates(c)}</span>,
    },
    { key: 'learners', title: t('subsidies.fields.lines'), render: (_, c) => c.learnerCount },
    { key: 'action', title: t('common.actions'), render: (_, c) => action(c) },
  ];

  return (
    <Card>
      <ErrorAlert error={classes.error ?? claims.error} className="yx-form-alert" />
      {mobile ? (
        <List
          className="yx-sb-card-list"
          dataSource={items}
          loading={classes.isFetching && !classes.data}
          locale={{ emptyText: t('subsidies.classes.empty') }}
          split={false}
          renderItem={(c) => (
            <List.Item>
              <Card size="small" data-testid="claimable-class">
                <Flex vertical gap={6}>
                  <Typography.Text strong>{c.name}</Typography.Text>
                  <Typography.Text type="secondary">
                    {dates(c)} · {t('subsidies.classes.learners', { count: c.learnerCount })}
                  </Typography.Text>
                  <div>{action(c)}</div>
                </Flex>
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table<ClassSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={classes.isFetching && !classes.data}
          scroll={{ x: 'max-content' }}
          onRow={() => ({ 'data-testid': 'claimable-class' }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: t('subsidies.classes.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
        />
      )}
    </Card>
  );
}
