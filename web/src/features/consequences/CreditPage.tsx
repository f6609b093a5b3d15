import { App, Button, Card, Flex, Form, Input, Select, Statistic, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { CreditEventView, CreditRestriction } from '@contracts';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { useErrorText } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { useCreditRecord, useCreditRestrictions, useRecordFalseMaterials } from './api';

const SEVERITY_COLORS = { minor: 'blue', major: 'orange', severe: 'red' } as const;

/**
 * /credit: an institution's administrators see their own record; regulators and the operator see the public list of
 * institutions under restriction and open a record from it (/credit/:id), where a regulator records false materials.
 */
export function CreditPage() {
  const { id } = useParams();
  const me = useMe().data;
  const own = me?.user.role === 'institution_admin' ? me.user.institutionId : null;
  const institutionId = id ?? own;
  if (institutionId) return <CreditRecordView institutionId={institutionId} />;
  return <RestrictionList />;
}

function RestrictionList() {
  const { t, i18n } = useTranslation();
  const list = useCreditRestrictions();
  const columns: TableProps<CreditRestriction>['columns'] = [
    {
      title: t('consequences.credit.columns.institution'),
      dataIndex: 'institutionName',
      render: (name: string, r) => <Link to={`/credit/${r.institutionId}`}>{name}</Link>,
    },
    { title: t('consequences.credit.columns.creditCode'), dataIndex: 'creditCode', responsive: ['md'] },
    { title: t('consequences.credit.score'), dataIndex: 'score', align: 'right' },
    {
      title: t('consequences.credit.columns.period'),
      key: 'period',
      render: (_, r) => `${formatDate(r.since, i18n.language)} – ${formatDate(r.until, i18n.language)}`,
    },
  ];
  return (
    <Flex vertical gap={16}>
      <PageHeader title={t('consequences.credit.restrictionsTitle')} />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('consequences.credit.restrictionsIntro', { threshold: 60 })}
      </Typography.Paragraph>
      <QueryState loading={list.isPending} error={list.error} onRetry={() => void list.refetch()}>
        <Card size="small">
          <Table<CreditRestriction>
            rowKey="institutionId"
            size="small"
            columns={columns}
            dataSource={list.data ?? []}
            pagination={false}
            locale={{ emptyText: t('consequences.credit.noRestrictions') }}
          />
        </Card>
      </QueryState>
    </Flex>
  );
}

function CreditRecordView({ institutionId }: { institutionId: string }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const canRecord = !!me?.permissions.includes('institutions.credit.record');
  const record = useCreditRecord(institutionId);
  const r = record.data;
  const lang = i18n.language;
  const columns: TableProps<CreditEventView>['columns'] = [
    {
      title: t('consequences.credit.columns.occurredAt'),
      dataIndex: 'occurredAt',
      render: (at: string) => formatDate(at, lang),
    },
    {
      title: t('consequences.credit.columns.kind'),
      dataIndex: 'kind',
      render: (kind: CreditEventView['kind'], e) => (
        <Flex vertical>
          <span>{t(`consequences.credit.kinds.${kind}`)}</span>
          <Typography.Text type="secondary">{e.reason}</Typography.Text>
          <Typography.Text type="secondary">
            {e.recordedByName
              ? t('consequences.credit.recordedBy', { name: e.recordedByName })
              : t('consequences.credit.platform')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('consequences.credit.columns.severity'),
      dataIndex: 'severity',
      render: (s: CreditEventView['severity']) => (
        <Tag color={SEVERITY_COLORS[s]}>{t(`consequences.credit.severity.${s}`)}</Tag>
      ),
    },
    {
      title: t('consequences.credit.columns.deducted'),
      dataIndex: 'deducted',
      align: 'right',
      render: (d: number, e) => (
        <Flex vertical align="end">
          <span>−{d}</span>
          {e.weighsLessOn && <Typography.Text type="secondary">{formatDate(e.weighsLessOn, lang)}</Typography.Text>}
        </Flex>
      ),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={r ? `${t('consequences.credit.title')} · ${r.institutionName}` : t('consequences.credit.title')}
      />
      <QueryState loading={record.isPending} error={record.error} onRetry={() => void record.refetch()}>
        {r && (
          <>
            <Card size="small">
              <Flex gap={24} wrap align="center">
                <Statistic
                  title={t('consequences.credit.score')}
                  value={r.score}
                  suffix="/ 100"
                  valueStyle={{ color: r.restricted ? '#cf1322' : '#389e0d' }}
                />
                <Flex vertical gap={4} style={{ flex: '1 1 280px' }}>
                  {r.restriction ? (
                    <Tag color="red" style={{ whiteSpace: 'normal', width: 'fit-content' }}>
                      {t('consequences.credit.restricted', {
                        since: formatDate(r.restriction.since, lang),
                        until: formatDate(r.restriction.until, lang),
                      })}
                    </Tag>
                  ) : (
                    <Tag color="green" style={{ width: 'fit-content' }}>
                      {t('consequences.credit.notRestricted')}
                    </Tag>
                  )}
                  <Typography.Text type="secondary">{t('consequences.credit.explain')}</Typography.Text>
                </Flex>
              </Flex>
            </Card>
            <Card size="small">
              <Table<CreditEventView>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={r.events}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                locale={{ emptyText: t('consequences.credit.empty') }}
              />
            </Card>
            {canRecord && <FalseMaterialsForm institutionId={institutionId} />}
          </>
        )}
      </QueryState>
    </Flex>
  );
}

function FalseMaterialsForm({ institutionId }: { institutionId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const save = useRecordFalseMaterials(institutionId);
  const [form] = Form.useForm<{ severity: 'minor' | 'major' | 'severe'; reason: string }>();
  return (
    <Card size="small" title={t('consequences.credit.falseMaterials')}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ severity: 'major' }}
        onFinish={(v) =>
          save.mutate(v, {
            onSuccess: () => form.resetFields(),
            onError: (error) => void message.error(errorText(error).message),
          })
        }
      >
        <Form.Item name="severity" label={t('consequences.credit.columns.severity')}>
          <Select
            options={(['minor', 'major', 'severe'] as const).map((s) => ({
              value: s,
              label: t(`consequences.credit.severity.${s}`),
            }))}
            style={{ maxWidth: 200 }}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('consequences.credit.columns.reason')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('consequences.credit.submit')}
        </Button>
      </Form>
    </Card>
  );
}
