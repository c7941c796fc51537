import { Breadcrumb } from 'antd';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { appRoutes, menuGroups } from '../routes';

/** Home / module group / page, from the route table. */
export function PageBreadcrumb() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const route = appRoutes.find((r) => r.path === pathname);
  if (!route || route.path === '/') return null;
  const group = menuGroups.find((g) => g.key === route.group);
  const items = [
    { key: 'home', title: <Link to="/">{t('nav.home')}</Link> },
    ...(group ? [{ key: group.key, title: t(group.titleKey) }] : []),
    { key: route.path, title: t(route.titleKey) },
  ];
  return <Breadcrumb items={items} style={{ marginBottom: 12 }} />;
}
