import { CheckCircleFilled, CloseCircleFilled, InfoCircleOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Input, Result, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { useCertificateKey, usePublicVerification } from './api';
import { checkInBrowser } from './browser-check';
import type { PublicVerification } from './types';
import './certificates.css';

/**
 * /verify and /verify/:number, public (no sign-in): valid or revoked with its date, the masked holder, the signed
 * facts, the platform's signature check and, where the browser has Ed25519, the browser's own.
 */
export function VerifyPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { number = '' } = useParams();
  const [typed, setTyped] = useState(number);
  useEffect(() => setTyped(number), [number]);
  const result = usePublicVerification(number);
  return (
    <div className="yx-verify">
      <Typography.Title level={3}>
        <SafetyCertificateOutlined /> {t('certificates.verifyPage.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('certificates.verifyPage.intro')}</Typography.Paragraph>
      <form
        className="yx-verify-form"
        onSubmit={(e) => {
          e.preventDefault();
          const n = typed.replace(/[\s-]/g, '').toUpperCase();
          if (n) void navigate(`/verify/${encodeURIComponent(n)}`);
        }}
      >
        <Input
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          placeholder={t('certificates.verifyPage.placeholder')}
          maxLength={40}
          data-testid="verify-input"
        />
        <Button type="primary" htmlType="submit">
          {t('certificates.verifyPage.submit')}
        </Button>
      </form>
      {number && result.isLoading && <Spin />}
      {number &&
        result.error != null &&
        (isApiError(result.error, 'NOT_FOUND') ? (
          <Result status="warning" title={t('certificates.verifyPage.notFound')} data-testid="verify-not-found" />
        ) : isApiError(result.error, 'RATE_LIMITED') ? (
          <Alert type="warning" showIcon title={t('certificates.verifyPage.tooMany')} />
        ) : (
          <ErrorAlert error={result.error} />
        ))}
      {result.data && <Verified v={result.data} />}
    </div>
  );
}

function Verified({ v }: { v: PublicVerification }) {
  const { t, i18n } = useTranslation();
  const key = useCertificateKey().data;
  const [browser, setBrowser] = useState<boolean | null | undefined>(undefined);
  useEffect(() => {
    if (!key || key.keyId !== v.keyId) return;
    let live = true;
    void checkInBrowser(v.payload, v.signature, key.publicKeyPem).then((r) => live && setBrowser(r));
    return () => {
      live = false;
    };
  }, [key, v]);
  const valid = v.status === 'valid';
  return (
    <Card data-testid="verify-result">
      <Result
        style={{ padding: '8px 0 16px' }}
        status={valid ? 'success' : 'error'}
        title={
          <span data-testid="verify-status">
            {valid
              ? t('certificates.verifyPage.valid')
              : t('certificates.verifyPage.revoked', { date: formatDate(v.revokedOn, i18n.language) })}
          </span>
        }
        subTitle={<span className="yx-cert-number">{v.number}</span>}
      />
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('certificates.verifyPage.name')}>{v.name}</Descriptions.Item>
        <Descriptions.Item label={t('certificates.verifyPage.idNumber')}>{v.idNumber}</Descriptions.Item>
        <Descriptions.Item label={t('certificates.verifyPage.occupation')}>
          {v.occupationName}（{v.occupationCode}）
        </Descriptions.Item>
        <Descriptions.Item label={t('certificates.verifyPage.level')}>
          {i18n.language === 'en' ? v.levelLabelEn : v.levelLabelZh}
        </Descriptions.Item>
        <Descriptions.Item label={t('certificates.verifyPage.hours')}>
          {t('certificates.hoursLine', { online: v.onlineHours, offline: v.offlineHours, total: v.totalHours })}
        </Descriptions.Item>
        <Descriptions.Item label={t('certificates.verifyPage.institution')}>{v.institution}</Descriptions.Item>
        <Descriptions.Item label={t('certificates.verifyPage.issueDate')}>
          {formatDate(v.issueDate, i18n.language)}
        </Descriptions.Item>
      </Descriptions>
      <Space direction="vertical" style={{ marginTop: 12 }} size={4}>
        <Typography.Text type={v.signatureValid ? 'success' : 'danger'} data-testid="verify-signature">
          {v.signatureValid ? <CheckCircleFilled /> : <CloseCircleFilled />}{' '}
          {v.signatureValid
            ? t('certificates.verifyPage.signatureServer')
            : t('certificates.verifyPage.signatureServerBad')}
        </Typography.Text>
        {browser !== undefined && (
          <Typography.Text type={browser === false ? 'danger' : browser ? 'success' : 'secondary'}>
            {browser === true ? (
              <CheckCircleFilled />
            ) : browser === false ? (
              <CloseCircleFilled />
            ) : (
              <InfoCircleOutlined />
            )}{' '}
            {browser === true
              ? t('certificates.verifyPage.signatureBrowser')
              : browser === false
                ? t('certificates.verifyPage.signatureBrowserBad')
                : t('certificates.verifyPage.signatureBrowserNone')}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">{t('certificates.verifyPage.privacy')}</Typography.Text>
      </Space>
    </Card>
  );
}
