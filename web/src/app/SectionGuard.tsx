import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/auth';
import { canOpen, type Section } from './sections';

/** Shows a 403 page instead of a section the user's role does not have. */
export function SectionGuard({ section, children }: { section: Section; children: ReactNode }) {
  const { t } = useTranslation();
  const { data } = useMe();
  if (!data) return null;
  if (!canOpen(data, section)) return <Result status="403" title="403" subTitle={t('errors.forbidden')} />;
  return <>{children}</>;
}
