import { Suspense, useEffect, useState } from 'react';
import { Drawer, Layout, theme } from 'antd';
import { Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../kernel/responsive';
import { PageSpinner } from '../PageSpinner';
import { SideMenu } from './SideMenu';
import { HeaderBar } from './HeaderBar';
import { PageBreadcrumb } from './PageBreadcrumb';

/** The signed-in frame: module menu on the left (a drawer on phones), header, breadcrumb, page. */
export function AppShell() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { token } = theme.useToken();

  useEffect(() => setDrawerOpen(false), [location.pathname]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isMobile && (
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={220}
          theme="light"
          style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}
        >
          <Brand collapsed={collapsed} />
          <SideMenu />
        </Layout.Sider>
      )}
      {isMobile && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          title={t('common.appName')}
          styles={{ body: { padding: 0 } }}
        >
          <SideMenu />
        </Drawer>
      )}
      <Layout>
        <HeaderBar isMobile={isMobile} onOpenMenu={() => setDrawerOpen(true)} />
        <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          <PageBreadcrumb />
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

function Brand({ collapsed }: { collapsed: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <div
      style={{
        height: 56,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        fontWeight: 600,
        fontSize: collapsed ? 18 : 17,
        color: token.colorPrimary,
        whiteSpace: 'nowrap',
        overflow: 'hidden',
      }}
    >
      {collapsed ? t('common.appShort') : t('common.appName')}
    </div>
  );
}
