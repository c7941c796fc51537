import { Breadcrumb } from 'antd';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../kernel/auth';
import { findRoute, menuGroups, routeTitleKey } from '../routes';

/** Home / module group / page, from the route table. */
export function PageBreadcrumb() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { pathname } = useLocation();
  const route = findRoute(pathname);
  if (!route || route.path === '/' || !can(route.access)) return null;
  const group = menuGroups.find((g) => g.key === route.group);
  const items = [
    { key: 'home', title: <Link to="/">{t('nav.home')}</Link> },
    ...(group ? [{ key: group.key, title: t(group.titleKey) }] : []),
    { key: route.path, title: t(routeTitleKey(route, can)) },
  ];
  return <Breadcrumb items={items} style={{ marginBottom: 12 }} />;
}
