import { Card, Flex, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { ROLES, type Role, type User } from '../../api/types';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useUsers, type UserFilters } from './api';
import { RevealIdDialog } from './RevealIdDialog';
import { StatusDialog } from './StatusDialog';
import { UserTable } from './UserTable';

export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [filters, setFilters] = useState<UserFilters>({ page: 1, pageSize: 20 });
  const [revealing, setRevealing] = useState<User | null>(null);
  const [changing, setChanging] = useState<User | null>(null);
  const users = useUsers(filters);
  if (!me) return null;

  return (
    <>
      <PageHeader title={t('users.title')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined, page: 1 }))}
            style={{ flex: '1 1 240px', maxWidth: 360 }}
            enterButton={t('common.search')}
          />
          <Select<Role | undefined>
            allowClear
            placeholder={t('users.roleFilter')}
            value={filters.role}
            onChange={(role) => setFilters((f) => ({ ...f, role, page: 1 }))}
            options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            style={{ flex: '0 1 180px', minWidth: 140 }}
          />
        </Flex>
        <ErrorAlert error={users.error} className="yx-form-alert" />
        <UserTable
          me={me}
          users={users.data?.items ?? []}
          total={users.data?.total ?? 0}
          page={filters.page}
          pageSize={filters.pageSize}
          loading={users.isFetching}
          onPage={(page, pageSize) => setFilters((f) => ({ ...f, page, pageSize }))}
          onReveal={setRevealing}
          onStatus={setChanging}
        />
      </Card>
      {revealing && <RevealIdDialog user={revealing} onClose={() => setRevealing(null)} />}
      {changing && <StatusDialog user={changing} onClose={() => setChanging(null)} />}
    </>
  );
}
