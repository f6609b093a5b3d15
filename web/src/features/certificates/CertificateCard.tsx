import { DownloadOutlined, SafetyCertificateOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { pdfUrl } from './api';
import type { Certificate } from './types';

/** One training certificate: its facts, its state, and what the viewer may do with it. */
export function CertificateCard({ c, onRevoke }: { c: Certificate; onRevoke?: (c: Certificate) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Card className="yx-cert-card" size="small" data-testid="certificate-card">
      <Flex justify="space-between" align="start" gap={8} wrap>
        <Space direction="vertical" size={0}>
          <Typography.Text strong className="yx-cert-number" data-testid="certificate-number">
            {c.number}
          </Typography.Text>
          <Typography.Text type="secondary">
            {c.learnerName} · {c.idNumberMasked}
          </Typography.Text>
        </Space>
        <Tag color={c.status === 'valid' ? 'green' : 'red'}>{t(`certificates.status.${c.status}`)}</Tag>
      </Flex>
      <dl className="yx-cert-grid">
        <dt>{t('certificates.occupation')}</dt>
        <dd>
          {c.occupationName}（{c.occupationCode}）· {t('certificates.levelN', { level: c.level })}
        </dd>
        <dt>{t('certificates.hours')}</dt>
        <dd>{t('certificates.hoursLine', { online: c.onlineHours, offline: c.offlineHours, total: c.totalHours })}</dd>
        <dt>{t('certificates.institution')}</dt>
        <dd>
          {c.institutionName} · {c.className}
        </dd>
        <dt>{t('certificates.issueDate')}</dt>
        <dd>{formatDate(c.issueDate, i18n.language)}</dd>
      </dl>
      {c.status === 'revoked' && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title={t('certificates.revokedLine', {
            date: formatDate(c.revokedAt, i18n.language),
            reason: c.revocationReason ?? '',
          })}
        />
      )}
      {c.status === 'valid' && c.revocationProposal && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={t('certificates.proposal', { reason: c.revocationProposal.reason })}
        />
      )}
      <Space wrap style={{ marginTop: 10 }}>
        <Button size="small" icon={<DownloadOutlined />} href={pdfUrl(c.id)} data-testid="certificate-download">
          {t('certificates.download')}
        </Button>
        <Button size="small" icon={<SafetyCertificateOutlined />} href={`/verify/${c.number}`} target="_blank">
          {t('certificates.verify')}
        </Button>
        {onRevoke && c.status === 'valid' && (
          <Button
            size="small"
            danger
            icon={<StopOutlined />}
            onClick={() => onRevoke(c)}
            data-testid="certificate-revoke"
          >
            {t('certificates.revoke')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
