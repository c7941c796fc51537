import { useMemo } from 'react';
import { Menu, type MenuProps } from 'antd';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../kernel/auth';
import { appRoutes, menuGroups } from '../routes';

type Item = NonNullable<MenuProps['items']>[number];

/** Menu built from the route table: an item shows only when the user holds its permission. */
export function SideMenu() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { pathname } = useLocation();

  const items = useMemo<Item[]>(() => {
    const visible = appRoutes.filter((r) => !r.hideInMenu && can(r.access));
    const leaf = (r: (typeof visible)[number]): Item => ({
      key: r.path,
      icon: r.icon,
      label: <Link to={r.path}>{t(r.titleKey)}</Link>,
    });
    const top: Item[] = visible.filter((r) => !r.group).map(leaf);
    for (const g of menuGroups) {
      const children = visible.filter((r) => r.group === g.key).map(leaf);
      if (children.length) top.push({ key: `group:${g.key}`, icon: g.icon, label: t(g.titleKey), children });
    }
    return top;
  }, [can, t]);

  const current = appRoutes.find((r) => r.path === pathname);
  return (
    <Menu
      mode="inline"
      data-testid="main-menu"
      items={items}
      selectedKeys={current ? [current.path] : []}
      defaultOpenKeys={menuGroups.map((g) => `group:${g.key}`)}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
