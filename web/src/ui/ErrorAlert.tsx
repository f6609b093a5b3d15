import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';

/** The server's message for an error, in the current language, with the extra facts some codes carry. */
export function useErrorText() {
  const { t, i18n } = useTranslation();
  return (error: unknown): { message: string; description?: string } => {
    if (!isApiError(error)) return { message: t('errors.unknown') };
    const message = error.localized(i18n.language);
    const until = error.code === 'AUTH_ACCOUNT_LOCKED' ? Date.parse(error.detail('until') ?? '') : NaN;
    if (!Number.isNaN(until)) {
      // The server's message names the time; add how long that is from now.
      const minutes = Math.max(1, Math.ceil((until - Date.now()) / 60_000));
      return { message, description: t('errors.lockedFor', { minutes }) };
    }
    const attemptsLeft = error.code === 'AUTH_INVALID_CREDENTIALS' ? Number(error.detail('attemptsLeft')) : NaN;
    if (attemptsLeft > 0 && attemptsLeft <= 3) {
      return { message, description: t('errors.attemptsLeft', { count: attemptsLeft }) };
    }
    if (error.code === 'RATE_LIMITED' && error.detail('retryAfterSeconds')) {
      return { message, description: t('errors.retryAfter', { seconds: error.detail('retryAfterSeconds') }) };
    }
    return { message };
  };
}

export function ErrorAlert({ error, className }: { error: unknown; className?: string }) {
  const text = useErrorText();
  if (!error) return null;
  const { message, description } = text(error);
  const code = isApiError(error) ? error.code : undefined;
  return (
    <Alert
      type="error"
      showIcon
      className={className}
      title={message}
      description={description}
      data-testid="error-alert"
      data-code={code}
      role="alert"
    />
  );
}
