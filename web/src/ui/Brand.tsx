import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';

/** The 云学 mark and name; the tagline is hidden on narrow screens by CSS. */
export function Brand({ to = '/', showTagline = true }: { to?: string; showTagline?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="yx-brand" aria-label={t('app.name')}>
      <span className="yx-brand-mark" aria-hidden>
        云
      </span>
      <span className="yx-brand-name">{t('app.name')}</span>
      {showTagline && <span className="yx-brand-tagline">{t('app.tagline')}</span>}
    </Link>
  );
}
