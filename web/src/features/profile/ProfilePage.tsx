import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { can } from '../../app/sections';
import { FaceEnrolmentCard } from '../faces/FaceEnrolmentCard';
import { PageHeader } from '../../ui/PageHeader';
import { AccountCard } from './AccountCard';
import { ChangePasswordForm } from './ChangePasswordForm';
import { SessionCard } from './SessionCard';

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return null;
  return (
    <>
      <PageHeader title={t('profile.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <AccountCard user={me.user} />
        </Col>
        <Col xs={24} lg={8}>
          <SessionCard me={me} />
        </Col>
        {can(me, 'faces.enrol') && (
          <Col xs={24} lg={16}>
            <FaceEnrolmentCard />
          </Col>
        )}
        <Col xs={24} lg={16}>
          <ChangePasswordForm />
        </Col>
      </Row>
    </>
  );
}
