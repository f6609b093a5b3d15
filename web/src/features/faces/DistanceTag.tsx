import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** A stored distance between two faces, judged against the engine's threshold. */
export function DistanceTag({
  distance,
  threshold,
  matches,
}: {
  distance: number | null;
  threshold?: number;
  matches: boolean | null;
}) {
  const { t } = useTranslation();
  if (distance === null || matches === null) return <Tag>{t('faces.distance.none')}</Tag>;
  const tag = (
    <Tag color={matches ? 'green' : 'red'} data-testid="distance-tag" data-matches={String(matches)}>
      {t('faces.distance.value', { distance: distance.toFixed(3) })} ·{' '}
      {t(matches ? 'faces.distance.same' : 'faces.distance.different')}
    </Tag>
  );
  return threshold ? <Tooltip title={t('faces.distance.threshold', { threshold })}>{tag}</Tooltip> : tag;
}
