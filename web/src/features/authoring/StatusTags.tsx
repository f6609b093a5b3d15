import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CourseStatus, StandardCheck } from './types';

const STATUS_COLORS: Record<CourseStatus, string> = { draft: 'blue', published: 'success', archived: 'orange' };

export function CourseStatusTag({ status }: { status: CourseStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="course-status" data-status={status}>
      {t(`authoring.status.${status}`)}
    </Tag>
  );
}

const STANDARD_COLORS: Record<StandardCheck['status'], string> = {
  met: 'success',
  below: 'error',
  no_standard: 'default',
};

export function StandardTag({ standard }: { standard: StandardCheck }) {
  const { t } = useTranslation();
  return <Tag color={STANDARD_COLORS[standard.status]}>{t(`authoring.standardTag.${standard.status}`)}</Tag>;
}
