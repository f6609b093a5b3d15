import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ErrorAlert, useErrorText } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useIsMobile';
import { useCategories } from '../authoring/api';
import { named } from '../authoring/types';
import { useCampaigns, useColumns, useDeleteCampaign, useDeleteColumn } from './api';
import { CampaignDialog } from './CampaignDialog';
import { ColumnDialog } from './ColumnDialog';
import { useTitles } from './CourseSelect';
import { RegionName } from './regions';
import type { Campaign, CampaignState, Column } from './types';
import './manage.css';

const STATE_COLORS: Record<CampaignState, string> = { upcoming: 'blue', active: 'green', ended: 'default' };

function useConfirmDelete() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const text = useErrorText();
  return (title: string, run: () => Promise<unknown>) =>
    modal.confirm({
      title,
      content: t('manage.deleteBody'),
      okText: t('manage.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        run().then(
          () => void message.success(t('manage.deleted')),
          (error: unknown) => void message.error(text(error).message),
        ),
    });
}

function RowActions({ onEdit, onDelete, testId }: { onEdit: () => void; onDelete: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Flex gap={0}>
      <Tooltip title={t('manage.edit')}>
        <Button
          type="text"
          size="small"
          icon={<EditOutlined />}
          aria-label={t('manage.edit')}
          onClick={onEdit}
          data-testid={`${testId}-edit`}
        />
      </Tooltip>
      <Tooltip title={t('manage.delete')}>
        <Button
          type="text"
          size="small"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('manage.delete')}
          onClick={onDelete}
          data-testid={`${testId}-delete`}
        />
      </Tooltip>
    </Flex>
  );
}

function CampaignsTab() {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const campaigns = useCampaigns();
  const categories = useCategories();
  const remove = useDeleteCampaign();
  const confirmDelete = useConfirmDelete();
  const [editing, setEditing] = useState<Campaign | null | undefined>(undefined);
  const titles = useTitles([...new Set((campaigns.data ?? []).flatMap((c) => c.courseIds))]);

  const columns: TableProps<Campaign>['columns'] = [
    {
      key: 'name',
      title: t('manage.campaigns.name'),
      fixed: mobile ? undefined : 'left',
      render: (_, c) => (
        <Flex vertical>
          <Typography.Text strong>{named(c.name, i18n.language)}</Typography.Text>
          <Typography.Text type="secondary" className="yx-mg-sub">
            {i18n.language === 'en' ? c.name.zh : c.name.en}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'state',
      title: t('common.status'),
      dataIndex: 'state',
      render: (state: CampaignState) => <Tag color={STATE_COLORS[state]}>{t(`manage.campaigns.state.${state}`)}</Tag>,
    },
    {
      key: 'region',
      title: t('manage.campaigns.region'),
      render: (_, c) => (c.regionCode ? <RegionName code={c.regionCode} full /> : t('manage.campaigns.nationwide')),
    },
    {
      key: 'period',
      title: t('manage.campaigns.period'),
      render: (_, c) => (
        <Flex vertical className="yx-mg-nowrap">
          <span>{formatDateTime(c.startsAt, i18n.language)}</span>
          <Typography.Text type="secondary">
            {t('manage.campaigns.until', { time: formatDateTime(c.endsAt, i18n.language) })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'items',
      title: t('manage.campaigns.items'),
      render: (_, c) => (
        <Flex gap={4} wrap className="yx-mg-tags">
          {c.categoryCodes.map((code) => (
            <Tag key={code} color="geekblue">
              {named(categories.data?.find((x) => x.code === code)?.name, i18n.language) || code}
            </Tag>
          ))}
          {c.courseIds.slice(0, 3).map((id) => (
            <Tag key={id} className="yx-mg-course-tag" title={titles.get(id)}>
              {titles.get(id) ?? '…'}
            </Tag>
          ))}
          {c.courseIds.length > 3 && <Tag>{t('manage.campaigns.moreCourses', { count: c.courseIds.length - 3 })}</Tag>}
        </Flex>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: mobile ? undefined : 'right',
      render: (_, c) => (
        <RowActions
          testId="campaign"
          onEdit={() => setEditing(c)}
          onDelete={() =>
            confirmDelete(t('manage.campaigns.deleteConfirm', { name: named(c.name, i18n.language) }), () =>
              remove.mutateAsync(c.id),
            )
          }
        />
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('manage.campaigns.intro')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="campaign-new">
          {t('manage.campaigns.new')}
        </Button>
      </Flex>
      <ErrorAlert error={campaigns.error} className="yx-form-alert" />
      <Table<Campaign>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={campaigns.data ?? []}
        loading={campaigns.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
      {editing !== undefined && <CampaignDialog campaign={editing} onClose={() => setEditing(undefined)} />}
    </>
  );
}

function ColumnsTab() {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const columnsQuery = useColumns();
  const remove = useDeleteColumn();
  const confirmDelete = useConfirmDelete();
  const [editing, setEditing] = useState<Column | null | undefined>(undefined);
  const titles = useTitles([...new Set((columnsQuery.data ?? []).flatMap((c) => c.courseIds))]);

  const columns: TableProps<Column>['columns'] = [
    {
      key: 'region',
      title: t('manage.columns.region'),
      fixed: mobile ? undefined : 'left',
      render: (_, c) => <RegionName code={c.regionCode} full />,
    },
    {
      key: 'title',
      title: t('manage.columns.title'),
      render: (_, c) => (
        <Flex vertical>
          <Typography.Text strong>{named(c.title, i18n.language)}</Typography.Text>
          <Typography.Text type="secondary" className="yx-mg-sub">
            {i18n.language === 'en' ? c.title.zh : c.title.en}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'sort', title: t('manage.columns.sort'), dataIndex: 'sort', align: 'right' },
    {
      key: 'courses',
      title: t('manage.columns.courseList'),
      render: (_, c) => (
        <ol className="yx-mg-inline-list">
          {c.courseIds.slice(0, 4).map((id) => (
            <li key={id}>{titles.get(id) ?? '…'}</li>
          ))}
          {c.courseIds.length > 4 && (
            <li className="yx-mg-more">{t('manage.campaigns.moreCourses', { count: c.courseIds.length - 4 })}</li>
          )}
          {c.courseIds.length === 0 && (
            <Typography.Text type="secondary">{t('manage.columns.noCourses')}</Typography.Text>
          )}
        </ol>
      ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: mobile ? undefined : 'right',
      render: (_, c) => (
        <RowActions
          testId="column"
          onEdit={() => setEditing(c)}
          onDelete={() =>
            confirmDelete(t('manage.columns.deleteConfirm', { title: named(c.title, i18n.language) }), () =>
              remove.mutateAsync(c.id),
            )
          }
        />
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('manage.columns.intro')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="column-new">
          {t('manage.columns.new')}
        </Button>
      </Flex>
      <ErrorAlert error={columnsQuery.error} className="yx-form-alert" />
      <Table<Column>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={columnsQuery.data ?? []}
        loading={columnsQuery.isFetching}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
      />
      {editing !== undefined && <ColumnDialog column={editing} onClose={() => setEditing(undefined)} />}
    </>
  );
}

export function CampaignsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'columns' ? 'columns' : 'campaigns';
  return (
    <>
      <PageHeader title={t('manage.campaigns.pageTitle')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'columns' ? { tab: 'columns' } : {}, { replace: true })}
          items={[
            { key: 'campaigns', label: t('manage.campaigns.tab'), children: <CampaignsTab /> },
            { key: 'columns', label: t('manage.columns.tab'), children: <ColumnsTab /> },
          ]}
        />
      </Card>
    </>
  );
}
