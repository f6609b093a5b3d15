import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ClassStatus } from './types';

const COLORS: Record<ClassStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  rejected: 'error',
  approved: 'success',
  closed: 'purple',
};

export function ClassStatusTag({ status }: { status: ClassStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status] ?? 'default'} data-testid="class-status" data-status={status}>
      {t(`classes.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** The overdue tag is the review queue's (ui/DeadlineQueue), the same on every page. */
export { OverdueTag } from '../../ui/DeadlineQueue';
