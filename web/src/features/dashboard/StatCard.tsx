import { Card, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../ui/format';

export function StatCard({
  title,
  value,
  footer,
  testId,
}: {
  title: string;
  value: number;
  footer?: ReactNode;
  testId?: string;
}) {
  const { i18n } = useTranslation();
  return (
    <Card size="small" className="yx-dash-card" data-testid={testId}>
      <Statistic title={<span title={title}>{title}</span>} value={formatNumber(value, i18n.language)} />
      {footer && <div className="yx-dash-card-foot">{footer}</div>}
    </Card>
  );
}
