import { Card, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/types';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { AuditFilterBar, type AuditFilterValues } from './AuditFilterBar';
import { dayBoundary, useAudit, type AuditFilters } from './api';

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<AuditFilters>({ page: 1, pageSize: 20 });
  const audit = useAudit(filters);

  const onSearch = (values: AuditFilterValues) =>
    setFilters((f) => ({
      page: 1,
      pageSize: f.pageSize,
      action: values.action || undefined,
      actorId: values.actorId?.trim() || undefined,
      from: dayBoundary(values.from, false),
      to: dayBoundary(values.to, true),
    }));

  const columns: TableProps<AuditEntry>['columns'] = [
    { key: 'at', title: t('audit.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v, i18n.language) },
    { key: 'actor', title: t('audit.actor'), dataIndex: 'actorName', render: (v: string | null) => v ?? '—' },
    {
      key: 'action',
      title: t('audit.action'),
      dataIndex: 'action',
      render: (action: string) => <span title={action}>{t(`audit.actions.${action}`, { defaultValue: action })}</span>,
    },
    {
      key: 'target',
      title: t('audit.target'),
      render: (_, entry) =>
        entry.targetType ? (
          <Typography.Text className="yx-mono" type="secondary" style={{ fontSize: 12 }}>
            {entry.targetType}:{entry.targetId ?? ''}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { key: 'ip', title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Card>
        <AuditFilterBar onSearch={onSearch} />
        <ErrorAlert error={audit.error} className="yx-form-alert" />
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={audit.data?.items ?? []}
          loading={audit.isFetching}
          scroll={{ x: 'max-content' }}
          expandable={{
            rowExpandable: (entry) => !!entry.details && Object.keys(entry.details).length > 0,
            expandedRowRender: (entry) => (
              <pre className="yx-mono" style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>
                {JSON.stringify(entry.details, null, 2)}
              </pre>
            ),
          }}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: audit.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
          }}
        />
      </Card>
    </>
  );
}
