import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Brand } from './Brand';
import { LanguageSwitch } from './LanguageSwitch';

type Props = { title: ReactNode; subtitle?: ReactNode; children: ReactNode; wide?: boolean };

/** The frame of the pages used before signing in: brand, language switch, one centred card. */
export function AuthLayout({ title, subtitle, children, wide }: Props) {
  const { t } = useTranslation();
  return (
    <div className="yx-auth">
      <header className="yx-auth-header">
        <Brand to="/login" />
        <LanguageSwitch />
      </header>
      <main className="yx-auth-main">
        <Card className={wide ? 'yx-auth-card yx-auth-card-wide' : 'yx-auth-card'} variant="borderless">
          {title && (
            <Typography.Title level={2} className="yx-auth-title">
              {title}
            </Typography.Title>
          )}
          {subtitle && <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph>}
          {children}
        </Card>
      </main>
      <footer className="yx-auth-footer">{t('app.footer')}</footer>
    </div>
  );
}
