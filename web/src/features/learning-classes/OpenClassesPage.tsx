import { CheckCircleOutlined, ScheduleOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Input, Select, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { useErrorText } from '../../ui/ErrorAlert';
import { isApiError } from '../../api/client';
import { useOccupations } from '../catalog/api';
import { RegionCascader } from '../manage/regions';
import { useEnrol, useOpenClasses } from './api';
import { LevelText, occupationName, periodText, PhaseTag } from './parts';
import type { OpenClass, OpenClassFilters } from './types';
import './learning-classes.css';

function OpenClassCard({
  item,
  onEnrol,
  pending,
}: {
  item: OpenClass;
  onEnrol: (item: OpenClass) => void;
  pending: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Card
      className="yx-lc-card"
      data-testid="open-class-card"
      data-class-id={item.id}
      data-mine={String(item.mine)}
      title={
        <Space size={6} wrap className="yx-lc-card-title">
          <span data-testid="open-class-name">{item.name}</span>
          <PhaseTag phase={item.phase} />
        </Space>
      }
    >
      <Descriptions size="small" column={1} className="yx-lc-descriptions">
        <Descriptions.Item label={t('learnerClasses.mine.institution')}>{item.institutionName}</Descriptions.Item>
        <Descriptions.Item label={t('learnerClasses.mine.occupation')}>
          {occupationName(i18n.language, item)} · <LevelText level={item.level} />
        </Descriptions.Item>
        <Descriptions.Item label={t('learnerClasses.mine.period')}>{periodText(i18n.language, item)}</Descriptions.Item>
        <Descriptions.Item label={t('learnerClasses.open.programme')}>
          {t('learnerClasses.mine.courseCount', { count: item.courseCount })} ·{' '}
          {t('learnerClasses.open.sessions', { count: item.sessionCount })}
        </Descriptions.Item>
      </Descriptions>
      <Flex justify="space-between" align="center" gap={8} wrap className="yx-lc-card-actions">
        <Tag
          icon={<TeamOutlined />}
          color={item.placesLeft > 0 ? 'blue' : 'default'}
          data-testid="places-left"
          data-left={item.placesLeft}
        >
          {t('learnerClasses.open.places', { left: item.placesLeft, capacity: item.capacity })}
        </Tag>
        {item.mine ? (
          <Space size={6}>
            <Tag color="success" icon={<CheckCircleOutlined />}>
              {t('learnerClasses.open.mine')}
            </Tag>
            <Link to={`/my/classes/${item.id}`} data-testid="open-class-view">
              {t('learnerClasses.open.viewMine')}
            </Link>
          </Space>
        ) : (
          <Button
            type="primary"
            icon={<ScheduleOutlined />}
            loading={pending}
            onClick={() => onEnrol(item)}
            data-testid="enrol"
          >
            {t('learnerClasses.open.enrol')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}

/** /open-classes: approved classes open to self-enrolment; enrol here, leave from the class page. */
export function OpenClassesPage() {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const [filters, setFilters] = useState<OpenClassFilters>({});
  const [refusal, setRefusal] = useState<unknown>(null);
  const query = useOpenClasses(filters);
  const occupations = useOccupations(undefined);
  const enrol = useEnrol();
  const occupationOptions = useMemo(
    () =>
      (occupations.data ?? []).map((o) => ({
        value: o.code,
        label: `${i18n.language === 'en' ? o.name.en : o.name.zh}（${o.code}）`,
      })),
    [occupations.data, i18n.language],
  );

  const confirmEnrol = (item: OpenClass) =>
    modal.confirm({
      title: t('learnerClasses.open.enrolConfirm', { name: item.name }),
      content: t('learnerClasses.open.enrolBody'),
      okText: t('learnerClasses.open.enrol'),
      cancelText: t('common.cancel'),
      onOk: () =>
        enrol.mutateAsync(item.id).then(
          () => {
            setRefusal(null);
            void message.success(t('learnerClasses.open.enrolled'));
          },
          (error: unknown) => setRefusal(error),
        ),
    });

  return (
    <>
      <PageHeader title={t('learnerClasses.open.title')} />
      <Flex gap={8} wrap className="yx-lc-filters">
        <Input.Search
          allowClear
          id="open-class-search"
          placeholder={t('learnerClasses.open.search')}
          className="yx-lc-filter-search"
          onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          className="yx-lc-filter-select"
          placeholder={t('learnerClasses.open.occupation')}
          aria-label={t('learnerClasses.open.occupation')}
          loading={occupations.isPending}
          options={occupationOptions}
          value={filters.occupation}
          onChange={(occupation) => setFilters((f) => ({ ...f, occupation: occupation || undefined }))}
        />
        <RegionCascader
          value={filters.region ?? null}
          placeholder={t('learnerClasses.open.region')}
          style={{ minWidth: 180, maxWidth: '100%' }}
          onChange={(region) => setFilters((f) => ({ ...f, region: region ?? undefined }))}
        />
      </Flex>
      {refusal != null && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setRefusal(null) }}
          className="yx-form-alert"
          data-testid="enrol-error"
          data-code={isApiError(refusal) ? refusal.code : undefined}
          title={errorText(refusal).message}
        />
      )}
      <QueryState loading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {query.data && query.data.length === 0 ? (
          <Empty description={t('learnerClasses.open.empty')} data-testid="open-classes-empty" />
        ) : (
          <div className="yx-lc-grid">
            {query.data?.map((item) => (
              <OpenClassCard
                key={item.id}
                item={item}
                onEnrol={confirmEnrol}
                pending={enrol.isPending && enrol.variables === item.id}
              />
            ))}
          </div>
        )}
      </QueryState>
    </>
  );
}
