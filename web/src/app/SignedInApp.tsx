import { Button, Flex, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/auth';
import { isApiError } from '../api/client';
import { useErrorText } from '../ui/ErrorAlert';
import { AppShell } from './shell/AppShell';

/** Loads the session; without one the API client has already sent the browser to /login. */
export function SignedInApp() {
  const { t } = useTranslation();
  const text = useErrorText();
  const me = useMe();

  if (me.data) return <AppShell me={me.data} />;
  if (me.error && !(isApiError(me.error) && me.error.status === 401)) {
    return (
      <Result
        status="warning"
        title={t('errors.loadFailed')}
        subTitle={text(me.error).message}
        extra={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  return (
    <Flex justify="center" align="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </Flex>
  );
}
