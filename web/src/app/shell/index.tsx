import { Suspense, useEffect, useState } from 'react';
import { Drawer, Layout, theme } from 'antd';
import { Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../kernel/responsive';
import { useAuth } from '../../kernel/auth';
import { PageSpinner } from '../PageSpinner';
import { findRoute, routeTitleKey } from '../routes';
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
  const { can } = useAuth();
  const route = findRoute(location.pathname);
  const pageTitle = route && can(route.access) ? t(routeTitleKey(route, can)) : null;

  useEffect(() => setDrawerOpen(false), [location.pathname]);

  // The browser tab names the page: "用户管理 · 管家 Guanjia".
  useEffect(() => {
    const app = t('common.appName');
    document.title = pageTitle ? `${pageTitle} · ${app}` : app;
    return () => {
      document.title = t('common.appName');
    };
  }, [pageTitle, t]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isMobile && (
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={240}
          theme="light"
          style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}
        >
          <Brand collapsed={collapsed} />
          <SideMenu collapsed={collapsed} />
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
          <SideMenu onNavigate={() => setDrawerOpen(false)} />
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
