import { Card, Input, List, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { can } from '../../app/sections';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useIsMobile';
import { useCertificateCounts, useCertificates, useSkillCertificates, type CertificateQuery } from './api';
import { CertificateCard } from './CertificateCard';
import { RevokeDialog } from './RevokeDialog';
import type { Certificate, SkillCertificate } from './types';
import './certificates.css';

const PAGE_SIZE = 12;
type Filter = 'all' | 'valid' | 'revoked' | 'proposed';

/**
 * 证书: learners see and download their own; institutions list theirs; regulators search their region subtree, see
 * the certificates proposed for revocation and revoke with a reason. Skill-level certificates on their own tab.
 */
export function CertificatesPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const skills = !!me && can(me, 'skill_certificates.read');
  const role = me?.user.role;
  const intro =
    role === 'learner'
      ? t('certificates.introLearner')
      : role === 'institution_admin'
        ? t('certificates.introInstitution')
        : t('certificates.introRegulator');
  return (
    <>
      <PageHeader title={t('certificates.title')} />
      <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>
      {skills ? (
        <Tabs
          items={[
            { key: 'training', label: t('certificates.tabTraining'), children: <TrainingCertificates /> },
            { key: 'skill', label: t('certificates.tabSkill'), children: <SkillCertificates /> },
          ]}
        />
      ) : (
        <TrainingCertificates />
      )}
    </>
  );
}

function TrainingCertificates() {
  const { t } = useTranslation();
  const me = useMe().data;
  const revoker = !!me && can(me, 'certificates.revoke');
  const [q, setQ] = useState<string | undefined>();
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(1);
  const [revoking, setRevoking] = useState<Certificate | null>(null);
  const query: CertificateQuery = {
    q,
    page,
    pageSize: PAGE_SIZE,
    ...(filter === 'valid' || filter === 'revoked' ? { status: filter } : {}),
    ...(filter === 'proposed' ? { proposed: true } : {}),
  };
  const list = useCertificates(query);
  const counts = useCertificateCounts().data;
  const options: { value: Filter; label: string }[] = [
    { value: 'all', label: t('certificates.filterAll') },
    { value: 'valid', label: t('certificates.status.valid') },
    { value: 'revoked', label: t('certificates.status.revoked') },
    ...(revoker ? [{ value: 'proposed' as const, label: t('certificates.filterProposed') }] : []),
  ];
  return (
    <>
      <Space wrap className="yx-cert-toolbar">
        <Input.Search
          allowClear
          placeholder={t('certificates.search')}
          onSearch={(v) => {
            setQ(v.trim() || undefined);
            setPage(1);
          }}
          style={{ width: 280, maxWidth: '100%' }}
          data-testid="certificate-search"
        />
        <Segmented<Filter>
          options={options}
          value={filter}
          onChange={(v) => {
            setFilter(v);
            setPage(1);
          }}
        />
        {counts && <Typography.Text type="secondary">{t('certificates.counts', counts)}</Typography.Text>}
      </Space>
      <ErrorAlert error={list.error} />
      <List
        grid={{ gutter: 12, xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('certificates.empty') }}
        pagination={
          (list.data?.total ?? 0) > PAGE_SIZE
            ? { current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, size: 'small' }
            : false
        }
        renderItem={(c) => (
          <List.Item>
            <CertificateCard c={c} onRevoke={revoker ? setRevoking : undefined} />
          </List.Item>
        )}
      />
      <RevokeDialog target={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}

function SkillCertificates() {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const list = useSkillCertificates({ q, page, pageSize: 20 }, true);
  const columns: TableProps<SkillCertificate>['columns'] = [
    {
      title: t('certificates.number'),
      dataIndex: 'number',
      render: (n: string, r) => (
        <Space direction="vertical" size={0}>
          <span className="yx-cert-number">{n}</span>
          <Tag>{t(`certificates.skill.kind.${r.kind}`)}</Tag>
        </Space>
      ),
    },
    {
      title: t('certificates.holder'),
      render: (_: unknown, r) => `${r.name} · ${r.idNumberMasked}`,
    },
    {
      title: t('certificates.occupation'),
      render: (_: unknown, r) =>
        `${r.occupationName ?? r.occupationCode} · ${t('certificates.levelN', { level: r.level })}`,
    },
    { title: t('certificates.skill.organisation'), dataIndex: 'organisation' },
    {
      title: t('certificates.skill.issuedOn'),
      dataIndex: 'issuedOn',
      render: (d: string) => formatDate(d, i18n.language),
    },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('certificates.skill.intro')}</Typography.Paragraph>
      <Input.Search
        allowClear
        className="yx-cert-toolbar"
        placeholder={t('certificates.search')}
        onSearch={(v) => {
          setQ(v.trim() || undefined);
          setPage(1);
        }}
        style={{ width: 280, maxWidth: '100%' }}
      />
      <ErrorAlert error={list.error} />
      {mobile ? (
        <List
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('certificates.skill.empty') }}
          renderItem={(r) => (
            <List.Item>
              <Card size="small" style={{ width: '100%' }}>
                <div className="yx-cert-number">{r.number}</div>
                <div>
                  {r.name} · {r.idNumberMasked}
                </div>
                <Typography.Text type="secondary">
                  {r.occupationName ?? r.occupationCode} · {t('certificates.levelN', { level: r.level })} ·{' '}
                  {r.organisation} · {formatDate(r.issuedOn, i18n.language)}
                </Typography.Text>
              </Card>
            </List.Item>
          )}
        />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={list.isLoading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('certificates.skill.empty') }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        />
      )}
    </>
  );
}
