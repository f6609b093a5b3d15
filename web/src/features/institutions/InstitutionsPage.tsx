import { Badge, Card, Input, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Institution } from '../../api/types';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useInstitutions } from './api';

export function InstitutionsPage() {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState<string | undefined>();
  const institutions = useInstitutions(q);

  const columns: TableProps<Institution>['columns'] = [
    { key: 'name', title: t('institutions.name'), dataIndex: 'name', fixed: 'left' },
    { key: 'kind', title: t('institutions.kind.label'), dataIndex: 'kind', render: (kind: Institution['kind']) => t(`institutions.kind.${kind}`) },
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
      dataIndex: 'status',
      render: (status: Institution['status']) => (
        <Badge status={status === 'active' ? 'success' : 'warning'} text={t(`institutions.status.${status}`)} />
      ),
    },
    { key: 'createdAt', title: t('institutions.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDate(v, i18n.language) },
  ];

  return (
    <>
      <PageHeader title={t('institutions.title')} />
      <Card>
        <Input.Search
          allowClear
          placeholder={t('institutions.searchPlaceholder')}
          enterButton={t('common.search')}
          onSearch={(value) => setQ(value.trim() || undefined)}
          style={{ maxWidth: 420, marginBottom: 16 }}
        />
        <ErrorAlert error={institutions.error} className="yx-form-alert" />
        <Table<Institution>
          rowKey="id"
          columns={columns}
          dataSource={institutions.data?.items ?? []}
          loading={institutions.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        />
      </Card>
    </>
  );
}
