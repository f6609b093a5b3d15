import { Button, Card, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useIsMobile';
import { useLevels, useOccupations } from '../authoring/api';
import { levelLabel } from '../authoring/CourseFields';
import { named, type OccupationSummary } from '../authoring/types';
import { useClassification } from './api';
import { OccupationDrawer } from './OccupationDrawer';
import './manage.css';

export function OccupationsPage() {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const [q, setQ] = useState<string | undefined>();
  const [major, setMajor] = useState<string | undefined>();
  const [medium, setMedium] = useState<string | undefined>();
  const [open, setOpen] = useState<string | null>(null);
  const classification = useClassification();
  const occupations = useOccupations({ q, major });
  const levels = useLevels();

  const majors = (classification.data ?? []).filter((c) => c.level === 'major');
  const mediums = (classification.data ?? []).filter((c) => c.level === 'medium' && c.parentCode === major);
  // The server filters by major category; the medium category is a prefix of the code.
  const items = useMemo(
    () => (occupations.data ?? []).filter((o) => !medium || o.code.startsWith(`${medium}-`)),
    [occupations.data, medium],
  );

  const columns: TableProps<OccupationSummary>['columns'] = [
    {
      key: 'code',
      title: t('manage.occupations.code'),
      dataIndex: 'code',
      fixed: mobile ? undefined : 'left',
      render: (code: string) => <Typography.Text className="yx-mono">{code}</Typography.Text>,
    },
    {
      key: 'name',
      title: t('manage.occupations.name'),
      render: (_, o) => (
        <Button
          type="link"
          size="small"
          className="yx-mg-link"
          onClick={() => setOpen(o.code)}
          data-testid="occupation-open"
        >
          {named(o.name, i18n.language)}
        </Button>
      ),
    },
    {
      key: 'category',
      title: t('manage.occupations.category'),
      render: (_, o) => (
        <span className="yx-mg-clip" title={named(o.categoryName, i18n.language)}>
          {named(o.categoryName, i18n.language)}
        </span>
      ),
    },
    {
      key: 'tags',
      title: t('manage.occupations.tags'),
      render: (_, o) => (
        <Flex gap={4} wrap className="yx-mg-tags">
          {o.tags.slice(0, 4).map((tag) => (
            <Tag key={tag}>{tag}</Tag>
          ))}
          {o.tags.length > 4 && <Tag>+{o.tags.length - 4}</Tag>}
        </Flex>
      ),
    },
    {
      key: 'levels',
      title: t('manage.occupations.standards'),
      render: (_, o) =>
        o.levels.length === 0 ? (
          <Typography.Text type="secondary">{t('manage.occupations.noStandards')}</Typography.Text>
        ) : (
          <span
            title={o.levels.map((l) => levelLabel(levels.data, l, i18n.language)).join(t('authoring.listSeparator'))}
          >
            {t('manage.occupations.levelCount', { count: o.levels.length })}
          </span>
        ),
    },
    { key: 'courses', title: t('manage.occupations.courses'), dataIndex: 'courseCount', align: 'right' },
  ];

  return (
    <>
      <PageHeader title={t('manage.occupations.title')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            id="occupation-search"
            allowClear
            placeholder={t('manage.occupations.searchPlaceholder')}
            onSearch={(value) => setQ(value.trim() || undefined)}
            enterButton={t('common.search')}
            style={{ flex: '1 1 240px', maxWidth: 360 }}
          />
          <Select
            allowClear
            value={major}
            placeholder={t('manage.occupations.major')}
            loading={classification.isFetching}
            onChange={(value?: string) => {
              setMajor(value);
              setMedium(undefined);
            }}
            options={majors.map((m) => ({ value: m.code, label: `${m.code} ${named(m.name, i18n.language)}` }))}
            popupMatchSelectWidth={false}
            style={{ flex: '1 1 200px', maxWidth: 320 }}
          />
          <Select
            allowClear
            value={medium}
            disabled={!major}
            placeholder={t('manage.occupations.medium')}
            onChange={(value?: string) => setMedium(value)}
            options={mediums.map((m) => ({ value: m.code, label: `${m.code} ${named(m.name, i18n.language)}` }))}
            popupMatchSelectWidth={false}
            style={{ flex: '1 1 200px', maxWidth: 320 }}
          />
        </Flex>
        <ErrorAlert error={occupations.error} className="yx-form-alert" />
        <Table<OccupationSummary>
          rowKey="code"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={occupations.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => t('common.total', { total }) }}
        />
      </Card>
      <OccupationDrawer code={open} onClose={() => setOpen(null)} />
    </>
  );
}
