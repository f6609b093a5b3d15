import { LoginOutlined } from '@ant-design/icons';
import { Button, Flex, Spin } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Brand } from '../../ui/Brand';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { useIsMobile } from '../../ui/useIsMobile';
import { EXPLORE_BASE, signInPath } from './mode';
import './catalog.css';

/**
 * The frame of the catalogue for visitors: brand, language switch and sign-in. It never asks for the session
 * (useMe would answer 401 and the API client would send the visitor to /login).
 */
export function PublicLayout() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  return (
    <div className="yx-public">
      <header className="yx-public-header">
        <Brand to={EXPLORE_BASE} showTagline={!mobile} />
        <span className="yx-shell-header-spacer" />
        <LanguageSwitch />
        {!mobile && <Button onClick={() => navigate('/register')}>{t('catalog.visitor.register')}</Button>}
        <Button
          type="primary"
          icon={mobile ? undefined : <LoginOutlined />}
          onClick={() => navigate(signInPath(pathname, search))}
          data-testid="public-sign-in"
        >
          {t('catalog.visitor.signIn')}
        </Button>
      </header>
      <main className="yx-public-content">
        <Suspense
          fallback={
            <Flex justify="center" style={{ padding: 48 }}>
              <Spin />
            </Flex>
          }
        >
          <Outlet />
        </Suspense>
      </main>
      <footer className="yx-auth-footer">{t('app.footer')}</footer>
    </div>
  );
}
