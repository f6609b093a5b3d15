import { Badge, Button, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Me, User } from '../../api/types';
import { can } from '../../app/sections';
import { formatDate } from '../../ui/format';
import { RoleTag } from '../../ui/RoleTag';
import { useIsMobile } from '../../ui/useIsMobile';

type Props = {
  me: Me;
  users: User[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
  onReveal: (user: User) => void;
  onStatus: (user: User) => void;
};

export function UserTable({ me, users, total, page, pageSize, loading, onPage, onReveal, onStatus }: Props) {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const mayReveal = can(me, 'users.reveal_id_number');
  const mayUpdate = can(me, 'users.update_status');
  const mayTrace = can(me, 'stats.trace');

  const columns: TableProps<User>['columns'] = [
    {
      key: 'name',
      title: t('users.name'),
      dataIndex: 'name',
      fixed: 'left',
      // A learner's name opens their learning trace for those who may trace.
      render: (name: string, user) =>
        user.role === 'learner' && mayTrace ? (
          <Link to={`/trace/${user.id}`} data-testid="user-trace">
            {name}
          </Link>
        ) : (
          name
        ),
    },
    { key: 'role', title: t('users.role'), dataIndex: 'role', render: (role: User['role']) => <RoleTag role={role} /> },
    { key: 'phone', title: t('users.phone'), dataIndex: 'phoneMasked' },
    {
      key: 'idNumber',
      title: t('users.idNumber'),
      dataIndex: 'idNumberMasked',
      render: (value: string) => <Typography.Text className="yx-mono">{value}</Typography.Text>,
    },
    {
      key: 'org',
      title: t('users.organisation'),
      render: (_, user) => {
        const place = user.institutionName ?? user.regionName ?? '—';
        return (
          <span className="yx-cell-clip" title={place}>
            {place}
          </span>
        );
      },
    },
    {
      key: 'status',
      title: t('common.status'),
      dataIndex: 'status',
      render: (status: User['status']) => (
        <Badge
          status={status === 'active' ? 'success' : status === 'invited' ? 'warning' : 'default'}
          text={t(`users.status.${status}`)}
        />
      ),
    },
    {
      key: 'createdAt',
      title: t('users.createdAt'),
      dataIndex: 'createdAt',
      render: (v: string) => formatDate(v, i18n.language),
    },
  ];
  if (mayReveal || mayUpdate) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: mobile ? undefined : 'right',
      render: (_, user) =>
        user.id === me.user.id ? null : (
          <Space size={0} wrap>
            {mayReveal && (
              <Button type="link" size="small" onClick={() => onReveal(user)}>
                {t('users.reveal.action')}
              </Button>
            )}
            {mayUpdate && (
              <Button type="link" size="small" danger={user.status !== 'disabled'} onClick={() => onStatus(user)}>
                {t(user.status !== 'disabled' ? 'users.disable' : 'users.enable')}
              </Button>
            )}
          </Space>
        ),
    });
  }

  return (
    <Table<User>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={users}
      loading={loading}
      scroll={{ x: 'max-content' }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        showTotal: (count) => t('common.total', { total: count }),
        onChange: onPage,
      }}
    />
  );
}
