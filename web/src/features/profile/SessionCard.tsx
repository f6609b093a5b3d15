import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/types';
import { formatDateTime } from '../../ui/format';

/** This sign-in (time, IP, device) and the one-device rule. */
export function SessionCard({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  return (
    <Card
      title={
        <span>
          <SafetyCertificateOutlined style={{ color: '#1668dc', marginInlineEnd: 8 }} />
          {t('profile.session')}
        </span>
      }
    >
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'at', label: t('profile.sessionAt'), children: formatDateTime(me.session.createdAt, i18n.language) },
          { key: 'ip', label: t('profile.sessionIp'), children: me.session.ip },
          { key: 'device', label: t('profile.sessionDevice'), children: me.session.device || '—' },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0, marginTop: 8, fontSize: 12 }}>
        {t('profile.singleDevice')}
      </Typography.Paragraph>
    </Card>
  );
}
