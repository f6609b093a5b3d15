import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { can } from '../../app/sections';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useClassCertificates, useIssueAgain } from './api';
import { CertificateCard } from './CertificateCard';
import './certificates.css';

/** A closed class's certificates: who got one, and for everyone else every reason why not. */
export function ClassCertificatesTab({ classId, closed }: { classId: string; closed: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const data = useClassCertificates(classId);
  const issue = useIssueAgain(classId);
  const issuer = !!me && can(me, 'certificates.issue');
  if (!closed)
    return <Typography.Paragraph type="secondary">{t('certificates.classTab.notClosed')}</Typography.Paragraph>;
  const issued = data.data?.issued ?? [];
  const refused = data.data?.refused ?? [];
  const en = i18n.language === 'en';
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <ErrorAlert error={data.error ?? issue.error} />
      {issuer && (
        <Button
          icon={<ReloadOutlined />}
          loading={issue.isPending}
          onClick={() =>
            issue.mutate(undefined, {
              onSuccess: (r) =>
                void message.success(t('certificates.classTab.issuedAgain', { count: r.issued.length })),
            })
          }
          data-testid="certificates-issue-again"
        >
          {t('certificates.classTab.issueAgain')}
        </Button>
      )}
      <Typography.Title level={5}>{t('certificates.classTab.refused', { count: refused.length })}</Typography.Title>
      {refused.length > 0 ? (
        <>
          <Typography.Text type="secondary">{t('certificates.classTab.refusedHint')}</Typography.Text>
          <List
            loading={data.isLoading}
            dataSource={refused}
            renderItem={(r) => (
              <List.Item>
                <Card size="small" style={{ width: '100%' }} data-testid="certificate-refusal">
                  <Typography.Text strong>{r.learnerName}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{r.idNumberMasked}</Typography.Text>
                  <ul style={{ margin: '6px 0 0', paddingInlineStart: 20 }}>
                    {r.reasons.map((x) => (
                      <li key={x.code}>
                        <Tag color="orange">{en ? x.en : x.zh}</Tag>
                      </li>
                    ))}
                  </ul>
                </Card>
              </List.Item>
            )}
          />
        </>
      ) : (
        <Typography.Text type="secondary">{t('certificates.classTab.noneRefused')}</Typography.Text>
      )}
      <Typography.Title level={5}>{t('certificates.classTab.issued', { count: issued.length })}</Typography.Title>
      <List
        grid={{ gutter: 12, xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
        loading={data.isLoading}
        dataSource={issued}
        locale={{ emptyText: t('certificates.empty') }}
        renderItem={(c) => (
          <List.Item>
            <CertificateCard c={c} />
          </List.Item>
        )}
      />
    </Space>
  );
}
