import { CheckCircleFilled, RedoOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Flex, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { formatDateTime } from '../../ui/format';
import { safeNext } from '../auth/notices';
import { useEnrol, useMyEnrolment } from './api';
import { FaceCamera } from './FaceCamera';
import { QualityRefusal } from './QualityRefusal';
import './faces.css';

/** What to photograph well: shown next to the camera. */
function Tips() {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Text strong>{t('faces.enrol.tipsTitle')}</Typography.Text>
      <ul className="yx-fc-tips">
        {(['light', 'front', 'alone', 'clear'] as const).map((k) => (
          <li key={k}>{t(`faces.enrol.tips.${k}`)}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The learner's first face enrolment: consent, the front camera with an oval guide, a still photo, and the server's
 * verdict — enrolled, or refused with the precise reason (no face, too dark, blurred, turned, several faces…) and a
 * retake. Learners without a face are led here after signing in; `next` is where they were going.
 */
export function FaceEnrolPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const mine = useMyEnrolment();
  const enrol = useEnrol();
  const [consent, setConsent] = useState(false);
  const [cameraOn, setCameraOn] = useState(false);
  const [photo, setPhoto] = useState<string | null>(null);

  const retake = () => {
    enrol.reset();
    setPhoto(null);
    setCameraOn(true);
  };

  return (
    <div className="yx-fc-narrow" data-testid="face-enrol-page">
      <PageHeader title={t('faces.enrol.title')} />
      <QueryState loading={mine.isLoading} error={mine.error} onRetry={() => void mine.refetch()}>
        {mine.data?.status === 'active' ? (
          <Card>
            <Result
              status="success"
              icon={<CheckCircleFilled />}
              title={t('faces.enrol.doneTitle')}
              subTitle={t('faces.enrol.doneBody', { time: formatDateTime(mine.data.enrolledAt, i18n.language) })}
              data-testid="face-enrolled"
              extra={[
                <Button
                  key="go"
                  type="primary"
                  onClick={() => navigate(next === '/' ? '/my/classes' : next, { replace: true })}
                  data-testid="face-continue"
                >
                  {t('faces.enrol.continue')}
                </Button>,
              ]}
            />
          </Card>
        ) : (
          <Card>
            <Flex vertical gap={16}>
              <Typography.Paragraph style={{ margin: 0 }}>{t('faces.enrol.intro')}</Typography.Paragraph>
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                <SafetyCertificateOutlined style={{ color: '#1668dc', marginInlineEnd: 6 }} />
                {t('faces.enrol.privacy')}
              </Typography.Paragraph>
              <Checkbox checked={consent} onChange={(e) => setConsent(e.target.checked)} data-testid="face-consent">
                {t('faces.enrol.agree')}
              </Checkbox>
              {consent && !cameraOn && !photo && (
                <Flex justify="center">
                  <Button type="primary" size="large" onClick={() => setCameraOn(true)} data-testid="face-open">
                    {t('faces.enrol.openCamera')}
                  </Button>
                </Flex>
              )}
              {consent && cameraOn && !photo && (
                <FaceCamera
                  onCapture={(still) => {
                    setPhoto(still);
                    setCameraOn(false);
                  }}
                />
              )}
              {photo && (
                <div>
                  <div className="yx-fc-camera" data-testid="face-photo">
                    <img src={photo} alt={t('faces.enrol.taken')} />
                  </div>
                  {!enrol.error && (
                    <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 8 }}>
                      {enrol.isPending ? t('faces.enrol.checking') : t('faces.enrol.taken')}
                    </Typography.Paragraph>
                  )}
                  {enrol.error ? (
                    <div data-testid="face-refused" style={{ marginTop: 12 }}>
                      <Typography.Text strong>{t('faces.enrol.refusedTitle')}</Typography.Text>
                      <QualityRefusal error={enrol.error} />
                    </div>
                  ) : null}
                  <div className="yx-fc-actions">
                    <Button
                      icon={<RedoOutlined />}
                      onClick={retake}
                      disabled={enrol.isPending}
                      data-testid="face-retake"
                    >
                      {t('faces.enrol.retake')}
                    </Button>
                    {!enrol.error && (
                      <Button
                        type="primary"
                        loading={enrol.isPending}
                        onClick={() => enrol.mutate(photo)}
                        data-testid="face-submit"
                      >
                        {t('faces.enrol.submit')}
                      </Button>
                    )}
                  </div>
                </div>
              )}
              <Tips />
              <Flex justify="space-between" align="center" gap={8} wrap>
                <Typography.Text type="secondary" className="yx-fc-sub">
                  {t('faces.enrol.laterHint')}
                </Typography.Text>
                <Button type="link" onClick={() => navigate(next, { replace: true })} data-testid="face-later">
                  {t('faces.enrol.later')}
                </Button>
              </Flex>
            </Flex>
          </Card>
        )}
      </QueryState>
    </div>
  );
}
