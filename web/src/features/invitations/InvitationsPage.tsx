import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { can } from '../../app/sections';
import { PageHeader } from '../../ui/PageHeader';
import { InvitationForm } from './InvitationForm';
import { InvitationList } from './InvitationList';

export function InvitationsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return null;
  return (
    <>
      <PageHeader title={t('invitations.title')} />
      <Flex vertical gap={16}>
        {can(me, 'invitations.create') && (
          <Card title={t('invitations.create')}>
            <Typography.Paragraph type="secondary">{t('invitations.createHint')}</Typography.Paragraph>
            <InvitationForm me={me} />
          </Card>
        )}
        <Card title={t('invitations.list')}>
          <InvitationList />
        </Card>
      </Flex>
    </>
  );
}
