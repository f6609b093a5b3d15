import { Badge, Table } from 'antd';
import type { BadgeProps, TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Invitation } from '../../api/types';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { RoleTag } from '../../ui/RoleTag';
import { useInvitations } from './api';

const BADGES: Record<Invitation['status'], BadgeProps['status']> = {
  pending: 'processing',
  accepted: 'success',
  expired: 'default',
  revoked: 'error',
};

export function InvitationList() {
  const { t, i18n } = useTranslation();
  const invitations = useInvitations();
  const columns: TableProps<Invitation>['columns'] = [
    { key: 'name', title: t('invitations.name'), dataIndex: 'name', fixed: 'left' },
    {
      key: 'role',
      title: t('invitations.role'),
      dataIndex: 'role',
      render: (role: Invitation['role']) => <RoleTag role={role} />,
    },
    { key: 'phone', title: t('invitations.phone'), dataIndex: 'phoneMasked' },
    {
      key: 'status',
      title: t('common.status'),
      dataIndex: 'status',
      render: (status: Invitation['status']) => (
        <Badge status={BADGES[status]} text={t(`invitations.status.${status}`)} />
      ),
    },
    {
      key: 'createdAt',
      title: t('invitations.createdAt'),
      dataIndex: 'createdAt',
      render: (v: string) => formatDateTime(v, i18n.language),
    },
    {
      key: 'expiresAt',
      title: t('invitations.expiresAt'),
      dataIndex: 'expiresAt',
      render: (v: string) => formatDateTime(v, i18n.language),
    },
  ];
  return (
    <>
      <ErrorAlert error={invitations.error} className="yx-form-alert" />
      <Table<Invitation>
        rowKey="id"
        columns={columns}
        dataSource={invitations.data?.items ?? []}
        loading={invitations.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
    </>
  );
}
