import { CloudUploadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Row, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { useEffectivePolicy, usePolicyHistory, usePolicyPublishers, usePolicyScopes } from './api';
import { PolicyDocumentView } from './PolicyDocumentView';
import { PublishPolicyDialog } from './PublishPolicyDialog';
import { RegionCascader, RegionName } from './regions';
import type { PolicyScope, VersionRef } from './types';
import './manage.css';

export function ScopeName({ scope }: { scope: string }) {
  const { t } = useTranslation();
  return scope === 'national' ? <>{t('manage.policy.national')}</> : <RegionName code={scope} full />;
}

function VersionTag({ version }: { version: VersionRef }) {
  return (
    <Tag color={version.scope === 'national' ? 'blue' : 'purple'}>
      <ScopeName scope={version.scope} /> v{version.version}
    </Tag>
  );
}

/** Every version of one scope, newest first: who published it, when, why, and what it says. */
function History({ scope }: { scope: string }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const history = usePolicyHistory(scope);
  const publishers = usePolicyPublishers();
  const who = (id: string, createdBy: string | null) => {
    if (!createdBy) return t('manage.policy.system');
    return publishers.data?.get(id) || (createdBy === me?.user.id ? me.user.name : t('manage.policy.someone'));
  };
  return (
    <QueryState loading={history.isLoading} error={history.error} onRetry={() => void history.refetch()}>
      <Timeline
        className="yx-mg-history"
        items={(history.data ?? []).map((version, index) => ({
          color: index === 0 ? 'blue' : 'gray',
          content: (
            <div data-testid="policy-version" data-version={version.version}>
              <Flex gap={8} wrap align="center">
                <Typography.Text strong>v{version.version}</Typography.Text>
                {index === 0 && <Tag color="green">{t('manage.policy.current')}</Tag>}
                <Typography.Text type="secondary">
                  {formatDateTime(version.createdAt, i18n.language)} · {who(version.id, version.createdBy)}
                </Typography.Text>
              </Flex>
              <Typography.Paragraph className="yx-mg-note" data-testid="policy-note">
                {version.note}
              </Typography.Paragraph>
              <PolicyDocumentView document={version.document} onlySet={scope !== 'national'} columns={1} />
            </div>
          ),
        }))}
      />
    </QueryState>
  );
}

/** The rules in force in a chosen place, and the versions they were resolved from. */
function EffectivePolicyCard() {
  const { t } = useTranslation();
  const [region, setRegion] = useState<string | null>(null);
  const effective = useEffectivePolicy(region);
  return (
    <Card title={t('manage.policy.effectiveTitle')} data-testid="effective-policy">
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Typography.Text>{t('manage.policy.effectiveFor')}</Typography.Text>
        <RegionCascader
          value={region}
          onChange={setRegion}
          placeholder={t('manage.policy.nationalPlaceholder')}
          style={{ minWidth: 260 }}
        />
      </Flex>
      <QueryState loading={effective.isLoading} error={effective.error}>
        {effective.data && (
          <>
            <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
              <Typography.Text type="secondary">{t('manage.policy.appliedVersions')}</Typography.Text>
              <VersionTag version={effective.data.national} />
              {effective.data.applied.map((ref) => (
                <VersionTag key={ref.id} version={ref} />
              ))}
            </Flex>
            <PolicyDocumentView document={effective.data.document} />
          </>
        )}
      </QueryState>
    </Card>
  );
}

export function PoliciesPage() {
  const { t, i18n } = useTranslation();
  const scopes = usePolicyScopes();
  const [selected, setSelected] = useState('national');
  const [publishing, setPublishing] = useState<string | null>(null);

  const columns: TableProps<PolicyScope>['columns'] = [
    { key: 'scope', title: t('manage.policy.scope'), render: (_, s) => <ScopeName scope={s.scope} /> },
    {
      key: 'version',
      title: t('manage.policy.latestVersion'),
      dataIndex: 'latestVersion',
      render: (v: number) => `v${v}`,
    },
    {
      key: 'updatedAt',
      title: t('manage.policy.updatedAt'),
      dataIndex: 'updatedAt',
      render: (v: string) => formatDateTime(v, i18n.language),
    },
  ];
  // National first, then the regions by code.
  const items = [...(scopes.data ?? [])].sort((a, b) =>
    a.scope === 'national' ? -1 : b.scope === 'national' ? 1 : a.scope.localeCompare(b.scope),
  );

  return (
    <>
      <PageHeader
        title={t('manage.policy.title')}
        extra={
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            onClick={() => setPublishing(selected)}
            data-testid="policy-publish"
          >
            {t('manage.policy.publishNew')}
          </Button>
        }
      />
      <Flex vertical gap={16}>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <Card title={t('manage.policy.scopes')}>
              <ErrorAlert error={scopes.error} className="yx-form-alert" />
              <Table<PolicyScope>
                rowKey="scope"
                size="small"
                columns={columns}
                dataSource={items}
                loading={scopes.isFetching}
                pagination={false}
                rowClassName={(s) => (s.scope === selected ? 'yx-mg-row-selected' : 'yx-mg-row-clickable')}
                onRow={(s) =>
                  ({ onClick: () => setSelected(s.scope), 'data-testid': `policy-scope-${s.scope}` }) as object
                }
              />
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card
              title={
                <Space size={6} wrap>
                  <span>{t('manage.policy.history')}</span>
                  <Tag>
                    <ScopeName scope={selected} />
                  </Tag>
                </Space>
              }
              data-testid="policy-history"
            >
              {scopes.data && !scopes.data.some((s) => s.scope === selected) ? <Empty /> : <History scope={selected} />}
            </Card>
          </Col>
        </Row>
        <EffectivePolicyCard />
      </Flex>
      {publishing && (
        <PublishPolicyDialog initialScope={publishing} onClose={() => setPublishing(null)} onPublished={setSelected} />
      )}
    </>
  );
}
