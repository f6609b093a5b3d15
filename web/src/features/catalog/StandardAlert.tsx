import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../ui/format';
import type { StandardCheck } from './types';

/** Whether the course carries the online share of the national skill standard's hours (server: checkAgainstStandard). */
export function StandardAlert({ standard }: { standard: StandardCheck }) {
  const { t, i18n } = useTranslation();
  const number = (value: number) => formatNumber(value, i18n.language);
  if (standard.status === 'no_standard') {
    return (
      <Alert
        type="info"
        showIcon
        title={t('catalog.standard.none')}
        description={t('catalog.standard.noneBody')}
        data-testid="standard-check"
        data-status={standard.status}
      />
    );
  }
  const values = {
    required: number(standard.requiredOnlineHours),
    hours: number(standard.courseHours),
    min: number(standard.standardMinHours),
    share: new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'zh-CN', {
      style: 'percent',
      maximumFractionDigits: 1,
    }).format(standard.onlineShare),
  };
  return (
    <Alert
      type={standard.status === 'met' ? 'success' : 'warning'}
      showIcon
      title={t(`catalog.standard.${standard.status}`, values)}
      description={t('catalog.standard.detail', values)}
      data-testid="standard-check"
      data-status={standard.status}
    />
  );
}
