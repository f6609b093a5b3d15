import { QrcodeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { can } from '../../app/sections';

/** From a session of an approved class to its venue QR screen, for the institution staff who may show it. */
export function VenueQrLink({
  classId,
  sessionId,
  status,
}: {
  classId: string;
  sessionId: string | undefined;
  status: string;
}) {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!sessionId || status !== 'approved' || !me || !can(me, 'attendance.qr')) return null;
  return (
    <Link to={`/classes/${classId}/sessions/${sessionId}/qr`} className="yx-cl-nowrap" data-testid="venue-qr-link">
      <QrcodeOutlined /> {t('learnerClasses.venue.link')}
    </Link>
  );
}
