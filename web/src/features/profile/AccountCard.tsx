import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';
import { formatDate } from '../../ui/format';
import { RoleTag } from '../../ui/RoleTag';
import { useIsMobile } from '../../ui/useIsMobile';

export function AccountCard({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const items = [
    { key: 'name', label: t('profile.name'), children: <span data-testid="profile-name">{user.name}</span> },
    { key: 'role', label: t('profile.role'), children: <RoleTag role={user.role} /> },
    { key: 'phone', label: t('profile.phone'), children: user.phoneMasked },
    { key: 'idNumber', label: t('profile.idNumber'), children: <span className="yx-mono">{user.idNumberMasked}</span> },
    { key: 'gender', label: t('profile.gender.label'), children: t(`profile.gender.${user.gender}`) },
    { key: 'birthDate', label: t('profile.birthDate'), children: formatDate(user.birthDate, i18n.language) },
    { key: 'region', label: t('profile.region'), children: user.regionName ?? '—' },
    { key: 'institution', label: t('profile.institution'), children: user.institutionName ?? '—' },
    { key: 'createdAt', label: t('profile.createdAt'), children: formatDate(user.createdAt, i18n.language) },
  ];
  return (
    <Card title={t('profile.account')}>
      <Descriptions column={mobile ? 1 : 2} size="small" items={items} />
    </Card>
  );
}
