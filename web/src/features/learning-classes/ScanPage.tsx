import { AimOutlined, ArrowLeftOutlined, QrcodeOutlined, RedoOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Result, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { useErrorText } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { formatMinute } from '../classes/cells';
import { useMyClass, useScan } from './api';
import { CameraView } from './CameraView';
import { PhotoStep } from './PhotoStep';
import { currentPosition, decodeContinuously, geolocationAvailable, type Position } from './scanner';
import type { AttendanceRecord, ScanAction } from './types';
import './learning-classes.css';

type Located =
  | { state: 'idle' }
  | { state: 'locating' }
  | { state: 'ok'; position: Position }
  | { state: 'error'; reason: 'denied' | 'unsupported' };
type Sending =
  | { state: 'idle' }
  | { state: 'scanning' }
  | { state: 'sending' }
  | { state: 'done'; record: AttendanceRecord }
  | { state: 'error'; error: unknown };

function useLocation(enabled: boolean) {
  const [located, setLocated] = useState<Located>({ state: 'idle' });
  const locate = useCallback(() => {
    if (!geolocationAvailable()) return setLocated({ state: 'error', reason: 'unsupported' });
    setLocated({ state: 'locating' });
    currentPosition().then(
      (position) => setLocated({ state: 'ok', position }),
      () => setLocated({ state: 'error', reason: 'denied' }),
    );
  }, []);
  useEffect(() => {
    if (enabled && located.state === 'idle') locate();
  }, [enabled, located.state, locate]);
  return { located, locate };
}

function LocationStep({ located, onRetry }: { located: Located; onRetry: () => void }) {
  const { t } = useTranslation();
  if (located.state === 'idle')
    return <Typography.Text type="secondary">{t('learnerClasses.scan.needPhotoAndLocation')}</Typography.Text>;
  if (located.state === 'locating')
    return (
      <Space>
        <Spin size="small" />
        {t('learnerClasses.scan.locating')}
      </Space>
    );
  if (located.state === 'ok') {
    return (
      <Flex gap={8} align="center" wrap data-testid="located">
        <Typography.Text type="success">
          <AimOutlined /> {t('learnerClasses.scan.located', { accuracy: Math.round(located.position.accuracy) })}
        </Typography.Text>
        <Button size="small" onClick={onRetry}>
          {t('learnerClasses.scan.locateAgain')}
        </Button>
      </Flex>
    );
  }
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="location-error"
      title={t(
        located.reason === 'denied' ? 'learnerClasses.scan.locationDenied' : 'learnerClasses.scan.locationUnsupported',
      )}
      action={
        <Button size="small" onClick={onRetry}>
          {t('learnerClasses.scan.locateAgain')}
        </Button>
      }
    />
  );
}

function Scanner({ action, classId }: { action: ScanAction; classId: string }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const scan = useScan();
  const [consent, setConsent] = useState(false);
  const [photo, setPhoto] = useState<string | null>(null);
  const { located, locate } = useLocation(consent);
  const [sending, setSending] = useState<Sending>({ state: 'idle' });
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [cameraError, setCameraError] = useState<'unsupported' | 'denied' | null>(null);
  const [manual, setManual] = useState('');
  const ready = !!photo && located.state === 'ok';

  const submit = useCallback(
    (token: string) => {
      if (located.state !== 'ok' || !photo) return;
      setSending({ state: 'sending' });
      scan.mutate(
        { action, body: { token: token.trim(), ...located.position, photo } },
        {
          onSuccess: ({ attendance }) => setSending({ state: 'done', record: attendance }),
          onError: (error) => setSending({ state: 'error', error }),
        },
      );
    },
    [action, located, photo, scan],
  );

  // The code rotates every minute: scanning starts only once the photo and the position are there.
  useEffect(() => {
    if (ready && sending.state === 'idle' && !cameraError) setSending({ state: 'scanning' });
  }, [ready, sending.state, cameraError]);
  useEffect(
    () => (video && sending.state === 'scanning' ? decodeContinuously(video, submit) : undefined),
    [video, sending.state, submit],
  );

  if (sending.state === 'done') {
    const r = sending.record;
    const at = action === 'check-in' ? r.checkInAt : (r.checkOutAt ?? r.checkInAt);
    const distance =
      action === 'check-in' ? r.checkInDistanceMeters : (r.checkOutDistanceMeters ?? r.checkInDistanceMeters);
    return (
      <Result
        status="success"
        data-testid="scan-done"
        title={t(action === 'check-in' ? 'learnerClasses.scan.doneIn' : 'learnerClasses.scan.doneOut')}
        subTitle={[
          t('learnerClasses.scan.doneDetail', { time: formatMinute(at, i18n.language), distance }),
          action === 'check-out' ? t('learnerClasses.scan.doneMinutes', { minutes: r.minutes }) : '',
        ]
          .filter(Boolean)
          .join('；')}
        extra={
          <Link to={`/my/classes/${classId}`}>
            <Button type="primary">{t('learnerClasses.scan.back')}</Button>
          </Link>
        }
      />
    );
  }

  return (
    <div className="yx-lc-stack">
      <Card size="small" title={`1. ${t('learnerClasses.scan.step.photo')}`}>
        <PhotoStep consent={consent} onConsent={setConsent} photo={photo} onPhoto={setPhoto} />
      </Card>
      <Card size="small" title={`2. ${t('learnerClasses.scan.step.location')}`}>
        <LocationStep located={located} onRetry={locate} />
      </Card>
      <Card size="small" title={`3. ${t('learnerClasses.scan.step.code')}`} data-testid="code-step">
        <Flex vertical gap={10}>
          {sending.state === 'error' && (
            <Alert
              type="error"
              showIcon
              role="alert"
              data-testid="scan-error"
              data-code={isApiError(sending.error) ? sending.error.code : undefined}
              title={errorText(sending.error).message}
              action={
                <Button
                  size="small"
                  icon={<RedoOutlined />}
                  onClick={() => setSending({ state: 'idle' })}
                  data-testid="scan-again"
                >
                  {t('learnerClasses.scan.tryAgain')}
                </Button>
              }
            />
          )}
          {!ready && (
            <Typography.Text type="secondary">{t('learnerClasses.scan.needPhotoAndLocation')}</Typography.Text>
          )}
          {cameraError && (
            <Alert
              type="warning"
              showIcon
              title={t(
                cameraError === 'denied' ? 'learnerClasses.scan.cameraDenied' : 'learnerClasses.scan.cameraUnsupported',
              )}
            />
          )}
          {ready && sending.state === 'scanning' && (
            <>
              <Typography.Text>{t('learnerClasses.scan.aim')}</Typography.Text>
              <CameraView
                facing="environment"
                onVideo={setVideo}
                onError={(e) => {
                  setCameraError(e);
                  setSending({ state: 'idle' });
                }}
                testId="rear-camera"
              />
            </>
          )}
          {ready && cameraError && (
            <Button icon={<QrcodeOutlined />} onClick={() => setCameraError(null)}>
              {t('learnerClasses.scan.startScan')}
            </Button>
          )}
          {sending.state === 'sending' && (
            <Space>
              <Spin size="small" />
              {t('learnerClasses.scan.sending')}
            </Space>
          )}
          <Typography.Text type="secondary">{t('learnerClasses.scan.manual')}</Typography.Text>
          <Space.Compact className="yx-lc-manual">
            <Input
              id="manual-code"
              value={manual}
              onChange={(e) => setManual(e.target.value)}
              placeholder={t('learnerClasses.scan.manualPlaceholder')}
              disabled={!ready || sending.state === 'sending'}
            />
            <Button
              type="primary"
              disabled={!ready || !manual.trim() || sending.state === 'sending'}
              onClick={() => submit(manual)}
              data-testid="manual-submit"
            >
              {t('learnerClasses.scan.manualSubmit')}
            </Button>
          </Space.Compact>
        </Flex>
      </Card>
    </div>
  );
}

/** /my/classes/:id/sessions/:sessionId/scan?action=check-in|check-out: the learner's attendance scanner. */
export function ScanPage() {
  const { t, i18n } = useTranslation();
  const { id = '', sessionId = '' } = useParams();
  const [params] = useSearchParams();
  const action: ScanAction = params.get('action') === 'check-out' ? 'check-out' : 'check-in';
  const query = useMyClass(id);
  const session = query.data?.sessions.find((s) => s.id === sessionId);
  return (
    <>
      <Link to={`/my/classes/${id}`} className="yx-lc-back">
        <ArrowLeftOutlined /> {t('learnerClasses.scan.back')}
      </Link>
      <PageHeader
        title={
          <span data-testid="scan-title" data-action={action}>
            {t(action === 'check-in' ? 'learnerClasses.scan.checkIn' : 'learnerClasses.scan.checkOut')}
          </span>
        }
      />
      <QueryState loading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {query.data && !session && (
          <Result status="404" title={t('errors.notFoundTitle')} subTitle={t('errors.notFoundBody')} />
        )}
        {session && (
          <>
            <Flex vertical gap={2} className="yx-lc-scan-head">
              <Typography.Text strong>{query.data!.name}</Typography.Text>
              <Typography.Text>
                {t('learnerClasses.scan.session', { title: session.title })} ·{' '}
                {formatMinute(session.startsAt, i18n.language)}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('learnerClasses.scan.venue', { venue: session.venueName, address: session.address })}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('learnerClasses.page.radius', { radius: query.data!.radiusMeters })}
              </Typography.Text>
            </Flex>
            <Scanner key={`${sessionId}-${action}`} action={action} classId={id} />
          </>
        )}
      </QueryState>
    </>
  );
}
