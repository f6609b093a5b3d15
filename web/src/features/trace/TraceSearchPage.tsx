import { Card, Flex, Input, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useTraceSearch } from './api';
import type { TracedLearner } from './types';
import './trace.css';

/** Finding a learner to trace: by name, full phone or ID number, within the caller's scope. */
export function TraceSearchPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [page, setPage] = useState(1);
  const search = useTraceSearch(q, page);
  const columns: TableProps<TracedLearner>['columns'] = [
    {
      key: 'name',
      title: t('trace.name'),
      render: (_, l) => (
        <Link to={`/trace/${l.id}`} data-testid="trace-learner">
          {l.name}
        </Link>
      ),
    },
    {
      key: 'id',
      title: t('trace.idNumber'),
      render: (_, l) => <span className="yx-trace-mono">{l.idNumberMasked}</span>,
    },
    { key: 'phone', title: t('trace.phone'), dataIndex: 'phoneMasked' },
    { key: 'institution', title: t('trace.institution'), render: (_, l) => l.institutionName ?? '—' },
    { key: 'region', title: t('trace.region'), render: (_, l) => l.regionName ?? '—' },
  ];
  return (
    <Flex vertical gap={12}>
      <PageHeader title={t('trace.title')} />
      <Typography.Text type="secondary">{t('trace.intro')}</Typography.Text>
      <Card size="small">
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('trace.searchPlaceholder')}
          style={{ maxWidth: 420, marginBottom: 12 }}
          data-testid="trace-search"
          onSearch={(value) => {
            setPage(1);
            setParams(value.trim() ? { q: value.trim() } : {});
          }}
        />
        <ErrorAlert error={search.error} className="yx-form-alert" />
        <Table<TracedLearner>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={search.data?.items ?? []}
          loading={search.isFetching && !search.data}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('trace.empty') }}
          onRow={(l) => ({ onDoubleClick: () => navigate(`/trace/${l.id}`) })}
          pagination={{
            current: page,
            pageSize: 20,
            total: search.data?.total ?? 0,
            onChange: setPage,
            hideOnSinglePage: true,
            showSizeChanger: false,
          }}
        />
      </Card>
    </Flex>
  );
}
