import {
  CloseOutlined,
  EnvironmentOutlined,
  FullscreenExitOutlined,
  FullscreenOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Button, Flex, Result, Space, Spin, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useErrorText } from '../../ui/ErrorAlert';
import { formatMinute } from '../classes/cells';
import { useSessionCounts, useStaffClass, useVenueCode } from './api';
import './learning-classes.css';

/** Seconds left until `deadline`, ticking once a second. */
function useSecondsLeft(deadline: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return deadline === null ? null : Math.max(0, Math.ceil((deadline - now) / 1000));
}

function useQrImage(text: string | undefined): string | null {
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    if (!text) return;
    let current = true;
    // Medium error correction survives glare on a projected screen; 720 px stays sharp when scaled up.
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 720 }).then(
      (url) => current && setImage(url),
      () => current && setImage(null),
    );
    return () => {
      current = false;
    };
  }, [text]);
  return image;
}

function useFullscreen() {
  const [on, setOn] = useState(() => !!document.fullscreenElement);
  useEffect(() => {
    const sync = () => setOn(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, []);
  const toggle = () =>
    void (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(
      () => undefined,
    );
  return { on, toggle, supported: !!document.documentElement.requestFullscreen };
}

/**
 * /classes/:id/sessions/:sessionId/qr: the screen at the venue. It covers the whole window, shows the rotating code
 * large, fetches the next one when the server says the minute is over, and counts who has checked in.
 */
export function VenueQrPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const { id = '', sessionId = '' } = useParams();
  const klass = useStaffClass(id);
  const code = useVenueCode(id, sessionId);
  const counts = useSessionCounts(id, sessionId);
  const image = useQrImage(code.data?.token);
  const secondsLeft = useSecondsLeft(code.data ? code.dataUpdatedAt + code.data.refreshInSeconds * 1000 : null);
  const fullscreen = useFullscreen();
  const session = klass.data?.sessions.find((s) => s.id === sessionId);
  const exit = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    void navigate(`/classes/${id}`);
  };

  return (
    <div className="yx-lc-venue" data-testid="venue-screen">
      <Flex className="yx-lc-venue-bar" justify="space-between" align="center" gap={8}>
        <Typography.Text strong className="yx-lc-venue-class">
          {klass.data?.name ?? ''}
        </Typography.Text>
        <Space size={4}>
          {fullscreen.supported && (
            <Button
              type="text"
              icon={fullscreen.on ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
              onClick={fullscreen.toggle}
            >
              {t('learnerClasses.venue.fullscreen')}
            </Button>
          )}
          <Button type="text" icon={<CloseOutlined />} onClick={exit} data-testid="venue-exit">
            {t('learnerClasses.venue.exit')}
          </Button>
        </Space>
      </Flex>
      {code.error && !code.data ? (
        <Result status="warning" title={errorText(code.error).message} data-testid="venue-error" />
      ) : (
        <Flex vertical align="center" gap={12} className="yx-lc-venue-body">
          <Typography.Title level={2} className="yx-lc-venue-title">
            {session?.title ?? t('learnerClasses.venue.title')}
          </Typography.Title>
          {session && (
            <Typography.Text type="secondary" className="yx-lc-venue-place">
              <EnvironmentOutlined /> {session.venueName} · {formatMinute(session.startsAt, i18n.language)} –{' '}
              {formatMinute(session.endsAt, i18n.language).slice(-5)}
            </Typography.Text>
          )}
          <div className="yx-lc-qr" data-testid="venue-qr" data-token={code.data?.token ?? ''}>
            {image ? (
              <img src={image} alt={t('learnerClasses.venue.title')} data-testid="venue-qr-image" />
            ) : (
              <Spin size="large" />
            )}
          </div>
          <Typography.Text className="yx-lc-countdown" data-testid="venue-countdown">
            {secondsLeft !== null ? t('learnerClasses.venue.refreshIn', { seconds: secondsLeft }) : ''}
          </Typography.Text>
          {counts.data && (
            <Space
              size={16}
              className="yx-lc-venue-counts"
              data-testid="venue-counts"
              data-checked-in={counts.data.checkedIn}
            >
              <span>
                <TeamOutlined /> {t('learnerClasses.venue.checkedIn', { count: counts.data.checkedIn })}
              </span>
              <span>{t('learnerClasses.venue.checkedOut', { count: counts.data.checkedOut })}</span>
            </Space>
          )}
          <Typography.Text type="secondary" className="yx-lc-venue-hint">
            {t('learnerClasses.venue.hint')}
          </Typography.Text>
          {code.data && (
            <Typography.Text type="secondary" copyable className="yx-lc-venue-token" data-testid="venue-token">
              {code.data.token}
            </Typography.Text>
          )}
        </Flex>
      )}
    </div>
  );
}
