import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Layout, Spin } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import type { Me } from '../../api/types';
import { Brand } from '../../ui/Brand';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { useIsMobile } from '../../ui/useIsMobile';
import { NavMenu } from './NavMenu';
import { UserBar, UserDropdown } from './UserMenu';

/** Header, side menu (a drawer on phones) and the page. */
export function AppShell({ me }: { me: Me }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { user } = me;

  return (
    <Layout className="yx-shell">
      <Layout.Header className="yx-shell-header">
        {mobile && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('shell.menu')}
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <Brand showTagline={!mobile} />
        <span className="yx-shell-header-spacer" />
        <LanguageSwitch />
        {mobile ? <UserDropdown user={user} /> : <UserBar user={user} />}
      </Layout.Header>
      <Layout>
        {!mobile && (
          <Layout.Sider width={220} theme="light" className="yx-shell-sider">
            <NavMenu me={me} />
          </Layout.Sider>
        )}
        <Layout.Content>
          <main className="yx-shell-content">
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
        </Layout.Content>
      </Layout>
      {mobile && (
        <Drawer
          open={drawerOpen}
          placement="left"
          size={260}
          onClose={() => setDrawerOpen(false)}
          title={<Brand showTagline={false} />}
          styles={{ body: { padding: 0 } }}
        >
          <NavMenu me={me} onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
    </Layout>
  );
}
