import { Button, Flex, Result, Spin } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { useMe } from '../api/auth';
import { isApiError } from '../api/client';
import { useErrorText } from '../ui/ErrorAlert';
import { AppShell } from './shell/AppShell';

/**
 * Asks the server about the session on every page change, so a device that was signed out because the account
 * signed in elsewhere learns it on its next navigation, even when the new page needs no other data.
 */
function useSessionCheckOnNavigation(refetch: () => unknown) {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void refetch();
  }, [pathname, refetch]);
}

/** Loads the session; without one the API client has already sent the browser to /login. */
export function SignedInApp() {
  const { t } = useTranslation();
  const text = useErrorText();
  const me = useMe();
  useSessionCheckOnNavigation(me.refetch);

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
