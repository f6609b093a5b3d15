import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, List, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { can } from '../../app/sections';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useIsMobile';
import { useTeacherList } from './api';
import { AddQualificationDialog } from './AddQualificationDialog';
import { DisqualifyDialog } from './DisqualifyDialog';
import { QualificationList } from './QualificationList';
import type { Qualification, Teacher } from './types';
import './teachers.css';

const PAGE_SIZE = 20;

/**
 * 教师: the institution's teachers with their qualifications, where its administrator records new ones; regulators
 * see the teachers of their region subtree and withdraw a qualification with a reason.
 */
export function TeachersPage() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const me = useMe().data;
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const list = useTeacherList({ q, page, pageSize: PAGE_SIZE });
  const [adding, setAdding] = useState<Teacher | null>(null);
  const [withdrawing, setWithdrawing] = useState<{ teacherName: string; qualification: Qualification } | null>(null);
  const manage = !!me && can(me, 'teachers.qualifications.manage');
  const withdraw = !!me && can(me, 'teachers.disqualify');
  const showInstitution = !!me && me.user.role !== 'institution_admin';
  const items = list.data?.items ?? [];
  const onDisqualify = withdraw
    ? (teacher: Teacher) => (qualification: Qualification) =>
        setWithdrawing({ teacherName: teacher.name, qualification })
    : undefined;

  const name = (teacher: Teacher) => (
    <Flex vertical>
      <span className="yx-tq-name" data-testid="teacher-name">
        {teacher.name}
      </span>
      <Typography.Text type="secondary" className="yx-tq-sub yx-tq-mono">
        {teacher.phoneMasked}
      </Typography.Text>
      {teacher.status === 'disabled' && <Tag>{t('teachers.accountDisabled')}</Tag>}
    </Flex>
  );
  const addButton = (teacher: Teacher) =>
    manage && (
      <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(teacher)} data-testid="qualification-add">
        {t('teachers.add')}
      </Button>
    );

  const columns: TableProps<Teacher>['columns'] = [
    { key: 'name', title: t('teachers.name'), fixed: 'left', render: (_, teacher) => name(teacher) },
    ...(showInstitution
      ? [
          {
            key: 'institution',
            title: t('teachers.institution'),
            dataIndex: 'institutionName',
            render: (v: string | null) => v ?? '—',
          },
        ]
      : []),
    {
      key: 'qualifications',
      title: t('teachers.qualifications'),
      render: (_, teacher) => (
        <QualificationList items={teacher.qualifications} onDisqualify={onDisqualify?.(teacher)} />
      ),
    },
    ...(manage
      ? [{ key: 'actions', title: t('common.actions'), render: (_: unknown, teacher: Teacher) => addButton(teacher) }]
      : []),
  ];

  const pagination = {
    current: page,
    pageSize: PAGE_SIZE,
    total: list.data?.total ?? 0,
    onChange: setPage,
    hideOnSinglePage: true,
    showSizeChanger: false,
    showTotal: (total: number) => t('common.total', { total }),
  };

  return (
    <>
      <PageHeader title={t('teachers.title')} />
      <Card>
        <Flex vertical gap={12} style={{ marginBottom: 16 }}>
          <Typography.Text type="secondary">
            {manage ? t('teachers.introInstitution') : t('teachers.introRegulator')}
          </Typography.Text>
          <Input.Search
            allowClear
            placeholder={t('teachers.searchPlaceholder')}
            enterButton={t('common.search')}
            onSearch={(value) => {
              setPage(1);
              setQ(value.trim() || undefined);
            }}
            style={{ maxWidth: 420 }}
          />
        </Flex>
        <ErrorAlert error={list.error} className="yx-form-alert" />
        {mobile ? (
          <List
            dataSource={items}
            loading={list.isFetching && !list.data}
            locale={{ emptyText: t('teachers.empty') }}
            split={false}
            pagination={list.data && list.data.total > PAGE_SIZE ? { ...pagination, size: 'small' } : false}
            renderItem={(teacher) => (
              <List.Item className="yx-tq-card-item">
                <Card
                  size="small"
                  className="yx-tq-card"
                  data-testid="teacher-row"
                  title={name(teacher)}
                  extra={addButton(teacher)}
                >
                  {showInstitution && (
                    <Typography.Paragraph type="secondary">{teacher.institutionName}</Typography.Paragraph>
                  )}
                  <QualificationList items={teacher.qualifications} onDisqualify={onDisqualify?.(teacher)} />
                </Card>
              </List.Item>
            )}
          />
        ) : (
          <Table<Teacher>
            rowKey="id"
            columns={columns}
            dataSource={items}
            loading={list.isFetching && !list.data}
            scroll={{ x: 'max-content' }}
            onRow={() => ({ 'data-testid': 'teacher-row' }) as React.HTMLAttributes<HTMLElement>}
            locale={{ emptyText: list.isFetching ? t('common.loading') : t('teachers.empty') }}
            pagination={pagination}
          />
        )}
      </Card>
      <AddQualificationDialog teacher={adding} onClose={() => setAdding(null)} />
      <DisqualifyDialog target={withdrawing} onClose={() => setWithdrawing(null)} />
    </>
  );
}
