import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreatedInvitation } from '../../api/types';
import { formatDateTime } from '../../ui/format';

/** The link to hand to the invited person, ready to copy. */
export function CreatedInvitationNotice({ invitation, name }: { invitation: CreatedInvitation; name: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Alert
      type="success"
      showIcon
      className="yx-form-alert"
      title={t('invitations.created', { name })}
      description={
        <>
          <Typography.Paragraph
            copyable={{ text: invitation.url, tooltips: [t('common.copy'), t('common.copied')] }}
            className="yx-mono"
            style={{ marginBottom: 4 }}
            data-testid="invitation-url"
          >
            {invitation.url}
          </Typography.Paragraph>
          <Typography.Text type="secondary">
            {t('invitations.expiresAt')}: {formatDateTime(invitation.expiresAt, i18n.language)}
          </Typography.Text>
        </>
      }
    />
  );
}
