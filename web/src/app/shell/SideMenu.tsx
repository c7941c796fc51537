import { useEffect, useMemo, useState } from 'react';
import { Menu, type MenuProps } from 'antd';
import { NavLink, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../kernel/auth';
import { appRoutes, findRoute, menuGroups, routeTitleKey } from '../routes';

type Item = NonNullable<MenuProps['items']>[number];

const groupKey = (g: string) => `group:${g}`;
const allGroups = () => menuGroups.map((g) => groupKey(g.key));

/**
 * Menu built from the route table: an item shows only when the user holds its permission.
 * Groups start open and the group of the current page is always opened when the page changes, so
 * the current item is never hidden in a closed group (desktop, phone drawer, after a reload).
 * In the collapsed sider, groups are pop-ups and start closed.
 */
export function SideMenu({ collapsed = false, onNavigate }: { collapsed?: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { pathname } = useLocation();
  const current = findRoute(pathname);
  const currentGroup = current?.group;
  const [openKeys, setOpenKeys] = useState<string[]>(() => (collapsed ? [] : allGroups()));

  useEffect(() => {
    setOpenKeys(collapsed ? [] : allGroups());
  }, [collapsed]);

  useEffect(() => {
    if (collapsed || !currentGroup) return;
    setOpenKeys((keys) => (keys.includes(groupKey(currentGroup)) ? keys : [...keys, groupKey(currentGroup)]));
  }, [collapsed, currentGroup]);

  const items = useMemo<Item[]>(() => {
    const visible = appRoutes.filter((r) => !r.hideInMenu && can(r.access));
    const leaf = (r: (typeof visible)[number]): Item => ({
      key: r.path,
      icon: r.icon,
      // NavLink marks the current page for assistive technology (aria-current="page").
      label: (
        <NavLink to={r.path} end>
          {t(routeTitleKey(r, can))}
        </NavLink>
      ),
    });
    const top: Item[] = visible.filter((r) => !r.group).map(leaf);
    for (const g of menuGroups) {
      const children = visible.filter((r) => r.group === g.key).map(leaf);
      if (children.length) top.push({ key: groupKey(g.key), icon: g.icon, label: t(g.titleKey), children });
    }
    return top;
  }, [can, t]);

  return (
    <Menu
      mode="inline"
      data-testid="main-menu"
      items={items}
      selectedKeys={current ? [current.path] : []}
      openKeys={openKeys}
      onOpenChange={setOpenKeys}
      onClick={onNavigate}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
