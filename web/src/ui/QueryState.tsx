import { Button, Flex, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { useErrorText } from './ErrorAlert';

type Props = { loading: boolean; error: unknown; onRetry?: () => void; children: ReactNode };

/** Spinner while loading, a result with retry on error, else the children. */
export function QueryState({ loading, error, onRetry, children }: Props) {
  const { t } = useTranslation();
  const text = useErrorText();
  if (loading) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin />
      </Flex>
    );
  }
  if (error) {
    const forbidden = isApiError(error) && error.status === 403;
    return (
      <Result
        status={forbidden ? '403' : 'warning'}
        title={forbidden ? t('errors.forbidden') : t('errors.loadFailed')}
        subTitle={text(error).message}
        extra={onRetry && !forbidden ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
      />
    );
  }
  return <>{children}</>;
}
