import { UserDeleteOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { can } from '../../app/sections';
import { ErrorAlert, useErrorText } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { useRoster, useWithdraw } from './api';
import { RosterImport } from './RosterImport';
import type { ClassDetail, RosterEntry } from './types';

const PAGE_SIZE = 50;
const ACCOUNT_COLORS: Record<string, string> = { invited: 'gold', active: 'green', disabled: 'default' };
const EDITABLE = ['draft', 'returned'];

/** The enrolled learners with masked personal data; while the class is a draft or returned, import and withdraw. */
export function RosterTab({ detail }: { detail: ClassDetail }) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe().data;
  const [page, setPage] = useState(1);
  const roster = useRoster(detail.id, page, PAGE_SIZE);
  const withdraw = useWithdraw(detail.id);
  const editable = !!me && can(me, 'enrolments.manage') && EDITABLE.includes(detail.status);
  const data = roster.data;

  const confirmWithdraw = (entry: RosterEntry) =>
    modal.confirm({
      title: t('classes.roster.withdrawConfirm', { name: entry.name }),
      content: t('classes.roster.withdrawBody'),
      okText: t('classes.roster.withdraw'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        withdraw.mutateAsync(entry.userId).then(
          () => void message.success(t('classes.roster.withdrawn')),
          (error: unknown) => void message.error(errorText(error).message),
        ),
    });

  const columns: TableProps<RosterEntry>['columns'] = [
    {
      key: 'name',
      title: t('classes.roster.name'),
      dataIndex: 'name',
      render: (name: string) => <span data-testid="roster-name">{name}</span>,
    },
    {
      key: 'idNumber',
      title: t('classes.roster.idNumber'),
      dataIndex: 'idNumberMasked',
      render: (value: string) => <span className="yx-cl-mono">{value}</span>,
    },
    {
      key: 'phone',
      title: t('classes.roster.phone'),
      dataIndex: 'phoneMasked',
      render: (value: string) => <span className="yx-cl-mono">{value}</span>,
    },
    {
      key: 'account',
      title: t('classes.roster.account'),
      dataIndex: 'accountStatus',
      render: (value: string) => (
        <Tag color={ACCOUNT_COLORS[value] ?? 'default'}>
          {t(`classes.roster.accountStatus.${value}`, { defaultValue: value })}
        </Tag>
      ),
    },
    {
      key: 'source',
      title: t('classes.roster.source'),
      dataIndex: 'source',
      render: (value: string) => t(`classes.roster.sources.${value}`, { defaultValue: value }),
    },
    {
      key: 'enrolledAt',
      title: t('classes.roster.enrolledAt'),
      dataIndex: 'enrolledAt',
      render: (value: string) => <span className="yx-cl-nowrap">{formatDateTime(value, i18n.language)}</span>,
    },
    ...(editable
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, entry: RosterEntry) => (
              <Button
                type="link"
                size="small"
                danger
                icon={<UserDeleteOutlined />}
                onClick={() => confirmWithdraw(entry)}
                data-testid="roster-withdraw"
              >
                {t('classes.roster.withdraw')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="yx-cl-form-cards">
      {editable && <RosterImport classId={detail.id} />}
      {!editable && detail.status !== 'draft' && detail.status !== 'returned' && (
        <Alert type="info" showIcon title={t('classes.roster.locked')} />
      )}
      <Card
        size="small"
        title={t('classes.roster.title')}
        extra={
          data && (
            <Typography.Text type="secondary" data-testid="roster-count">
              {t('classes.roster.count', { count: data.total, capacity: data.capacity })}
            </Typography.Text>
          )
        }
      >
        <ErrorAlert error={roster.error} className="yx-form-alert" />
        <Table<RosterEntry>
          rowKey="userId"
          size="small"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={roster.isFetching && !data}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: roster.isFetching ? t('common.loading') : t('classes.roster.empty') }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            onChange: setPage,
            hideOnSinglePage: true,
            showSizeChanger: false,
            showTotal: (total) => t('common.total', { total }),
          }}
          data-testid="roster-table"
        />
      </Card>
    </div>
  );
}
