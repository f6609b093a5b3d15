import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../api/types';

const COLORS: Record<Role, string> = {
  learner: 'blue',
  teacher: 'cyan',
  institution_admin: 'purple',
  regulator: 'gold',
  operator: 'magenta',
};

export function RoleTag({ role }: { role: Role }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[role] ?? 'default'}>{t(`roles.${role}`)}</Tag>;
}
