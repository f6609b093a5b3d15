import { Button, Card, Flex, Input, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { can } from '../../app/sections';
import { useInstitutions } from './api';
import { DecisionDialog, type DialogAction } from './DecisionDialog';
import { InstitutionStatusTag } from './parts';
import { INSTITUTION_STATUSES, type InstitutionStatus, type InstitutionSummary } from './types';
import './institutions.css';

/** Institutions in scope with their status; regulators and operators open any of them and suspend or reinstate. */
export function InstitutionsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [q, setQ] = useState<string | undefined>();
  const [status, setStatus] = useState<InstitutionStatus | undefined>();
  const [acting, setActing] = useState<{ institution: InstitutionSummary; action: DialogAction } | null>(null);
  const institutions = useInstitutions(q, true, status);
  const oversees = !!me.data && can(me.data, 'institutions.oversee');
  const ownAdmin = me.data?.user.role === 'institution_admin';
  // Regulators never see drafts: they are the applicant's own business.
  const statuses =
    me.data?.user.role === 'regulator' ? INSTITUTION_STATUSES.filter((s) => s !== 'draft') : INSTITUTION_STATUSES;

  const columns: TableProps<InstitutionSummary>['columns'] = [
    {
      key: 'name',
      title: t('institutions.name'),
      fixed: 'left',
      render: (_, i) =>
        oversees ? (
          <Link to={`/institution-reviews/${i.id}?from=list`} data-testid="institution-open">
            {i.name}
          </Link>
        ) : ownAdmin ? (
          <Link to="/my-institution">{i.name}</Link>
        ) : (
          i.name
        ),
    },
    {
      key: 'kind',
      title: t('institutions.kind.label'),
      dataIndex: 'kind',
      render: (kind: InstitutionSummary['kind']) => t(`institutions.kind.${kind}`),
    },
    { key: 'region', title: t('institutions.region'), dataIndex: 'regionName', render: (v: string | null) => v ?? '—' },
    {
      key: 'creditCode',
      title: t('institutions.creditCode'),
      dataIndex: 'creditCode',
      render: (v: string) => <Typography.Text className="yx-mono">{v}</Typography.Text>,
    },
    {
      key: 'status',
      title: t('common.status'),
      render: (_, i) => (
        <Flex vertical gap={2} align="flex-start">
          <InstitutionStatusTag status={i.status} />
          {i.statusReason && ['returned', 'rejected', 'suspended'].includes(i.status) && (
            <Tooltip title={i.statusReason}>
              <Typography.Text type="secondary" className="yx-in-sub" ellipsis style={{ maxWidth: 200 }}>
                {i.statusReason}
              </Typography.Text>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    {
      key: 'createdAt',
      title: t('institutions.createdAt'),
      dataIndex: 'createdAt',
      render: (v: string) => formatDate(v, i18n.language),
    },
    ...(oversees
      ? [
          {
            key: 'actions',
            title: t('institutions.list.actions'),
            render: (_: unknown, i: InstitutionSummary) => (
              <Space size={4}>
                {i.status === 'active' && (
                  <Button
                    size="small"
                    danger
                    onClick={() => setActing({ institution: i, action: 'suspend' })}
                    data-testid="institution-suspend"
                  >
                    {t('institutions.list.suspend')}
                  </Button>
                )}
                {i.status === 'suspended' && (
                  <Button
                    size="small"
                    onClick={() => setActing({ institution: i, action: 'reinstate' })}
                    data-testid="institution-reinstate"
                  >
                    {t('institutions.list.reinstate')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader title={t('institutions.title')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('institutions.searchPlaceholder')}
            enterButton={t('common.search')}
            onSearch={(value) => setQ(value.trim() || undefined)}
            style={{ maxWidth: 420, flex: '1 1 260px' }}
          />
          <Select<InstitutionStatus>
            allowClear
            value={status}
            onChange={(v) => setStatus(v ?? undefined)}
            placeholder={t('institutions.statusFilter')}
            style={{ width: 160 }}
            data-testid="institution-status-filter"
            options={statuses.map((s) => ({ value: s, label: t(`institutions.status.${s}`) }))}
          />
        </Flex>
        <ErrorAlert error={institutions.error} className="yx-form-alert" />
        <Table<InstitutionSummary>
          rowKey="id"
          columns={columns}
          dataSource={institutions.data?.items ?? []}
          loading={institutions.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        />
      </Card>
      {acting && (
        <DecisionDialog institution={acting.institution} action={acting.action} onClose={() => setActing(null)} />
      )}
    </>
  );
}
