import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Select, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { can } from '../../app/sections';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useIsMobile';
import { useClasses } from './api';
import { OccupationCell, PeriodCell, SubmittedCell } from './cells';
import { ClassStatusTag, OverdueTag } from './StatusTag';
import { CLASS_STATUSES, type ClassStatus, type ClassSummary } from './types';
import './classes.css';

type StatusFilter = ClassStatus | 'all';

/** Classes in the caller's scope: the institution's own, a regulator's region subtree, or all for operators. */
export function ClassListPage() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const me = useMe().data;
  const manage = !!me && can(me, 'classes.manage');
  const [status, setStatus] = useState<StatusFilter>('all');
  const classes = useClasses(status === 'all' ? undefined : status);
  const showInstitution = me?.user.role === 'regulator' || me?.user.role === 'operator';
  const options = (['all', ...CLASS_STATUSES] as const).map((value) => ({
    value,
    label: value === 'all' ? t('common.all') : t(`classes.status.${value}`),
  }));

  const columns: TableProps<ClassSummary>['columns'] = [
    {
      key: 'name',
      title: t('classes.list.name'),
      fixed: mobile ? undefined : 'left',
      render: (_, c) => (
        <Flex vertical>
          <Link to={`/classes/${c.id}`} className="yx-cl-name-cell" data-testid="class-link">
            {c.name}
          </Link>
          {showInstitution && (
            <Typography.Text type="secondary" className="yx-cl-sub">
              {c.institutionName}
            </Typography.Text>
          )}
          {mobile && (
            // On a phone the status columns are a scroll away: say it under the name.
            <Flex gap={4} wrap className="yx-cl-mobile-status">
              <ClassStatusTag status={c.status} />
              {c.overdue && <OverdueTag />}
            </Flex>
          )}
        </Flex>
      ),
    },
    { key: 'occupation', title: t('classes.list.occupation'), render: (_, c) => <OccupationCell summary={c} /> },
    { key: 'period', title: t('classes.list.period'), render: (_, c) => <PeriodCell summary={c} /> },
    {
      key: 'status',
      title: t('common.status'),
      dataIndex: 'status',
      render: (value: ClassStatus) => <ClassStatusTag status={value} />,
    },
    { key: 'learners', title: t('classes.list.learners'), dataIndex: 'learnerCount', align: 'right' },
    { key: 'submitted', title: t('classes.list.submitted'), render: (_, c) => <SubmittedCell summary={c} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('classes.title')}
        extra={
          manage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/classes/new')}
              data-testid="new-class"
            >
              {t('classes.list.new')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          {mobile ? (
            <Select<StatusFilter>
              value={status}
              onChange={setStatus}
              options={options}
              aria-label={t('classes.list.statusFilter')}
              style={{ width: '100%' }}
            />
          ) : (
            <Segmented<StatusFilter>
              value={status}
              onChange={setStatus}
              options={options}
              aria-label={t('classes.list.statusFilter')}
            />
          )}
        </Flex>
        <ErrorAlert error={classes.error} className="yx-form-alert" />
        <Table<ClassSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={classes.data ?? []}
          loading={classes.isFetching && !classes.data}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: classes.isFetching
              ? t('common.loading')
              : manage
                ? t('classes.list.emptyAdmin')
                : t('classes.list.empty'),
          }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        />
      </Card>
    </>
  );
}
