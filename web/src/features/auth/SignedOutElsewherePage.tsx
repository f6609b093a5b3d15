import { Button, Flex, Result, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { SIGNED_OUT_KEY } from '../../api/client';
import { AuthLayout } from '../../ui/AuthLayout';
import { formatDateTime } from '../../ui/format';

type Info = { at: string; ip: string; device: string };

/** The facts come in the query string; sessionStorage keeps them if the query was lost. */
function useSignedOutInfo(): Info {
  const [params] = useSearchParams();
  return useMemo(() => {
    const fromQuery = { at: params.get('at') ?? '', ip: params.get('ip') ?? '', device: params.get('device') ?? '' };
    if (fromQuery.at || fromQuery.ip) return fromQuery;
    try {
      const stored = JSON.parse(window.sessionStorage.getItem(SIGNED_OUT_KEY) ?? 'null') as Partial<Info> | null;
      return { at: stored?.at ?? '', ip: stored?.ip ?? '', device: stored?.device ?? '' };
    } catch {
      return fromQuery;
    }
  }, [params]);
}

export function SignedOutElsewherePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const info = useSignedOutInfo();
  const known = Boolean(info.at && info.ip);
  const body = known
    ? t('auth.signedOut.body', { time: formatDateTime(info.at, i18n.language), ip: info.ip })
    : t('auth.signedOut.bodyUnknown');

  return (
    <AuthLayout title={null} wide>
      <Result
        status="warning"
        title={t('auth.signedOut.title')}
        subTitle={
          <Flex vertical gap={8}>
            <Typography.Text strong data-testid="signed-out-message">
              {body}
            </Typography.Text>
            {info.device && (
              <Typography.Text type="secondary">{t('auth.signedOut.device', { device: info.device })}</Typography.Text>
            )}
            <Typography.Text type="secondary">{t('auth.signedOut.rule')}</Typography.Text>
          </Flex>
        }
        extra={
          <Flex gap={8} justify="center" wrap>
            <Button type="primary" size="large" onClick={() => navigate('/login')}>
              {t('auth.signedOut.signInAgain')}
            </Button>
            <Button size="large" onClick={() => navigate('/forgot-password')}>
              {t('auth.signedOut.resetPassword')}
            </Button>
          </Flex>
        }
      />
    </AuthLayout>
  );
}
