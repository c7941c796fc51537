import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  AimOutlined,
  AuditOutlined,
  BarChartOutlined,
  EditOutlined,
  FundOutlined,
  ThunderboltOutlined,
  ExperimentOutlined,
  BellOutlined,
  ApartmentOutlined,
  BankOutlined,
  CheckSquareOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
  ToolOutlined,
  CoffeeOutlined,
} from '@ant-design/icons';
import { plansRoutes } from '../modules/plans/routes';
import '../modules/office/approval-views';
import type { Access } from '../kernel/auth';

/** One route: its path, menu label, icon and the permission that shows the item AND guards the page. */
export interface AppRoute {
  path: string;
  /** i18n key of the menu label, breadcrumb and page title. */
  titleKey: string;
  /**
   * For users who hold `access` but not this (they can only look, not manage): the label to use
   * instead, so the menu does not promise what the page will not let them do.
   */
  manageAccess?: Access;
  viewOnlyTitleKey?: string;
  icon?: ReactNode;
  access?: Access;
  /** Menu group key (see `menuGroups`); top level when absent. */
  group?: string;
  hideInMenu?: boolean;
  component: LazyExoticComponent<ComponentType>;
}

export interface MenuGroup {
  key: string;
  titleKey: string;
  icon: ReactNode;
}

export const menuGroups: MenuGroup[] = [
  { key: 'office', titleKey: 'office.nav.group', icon: <BankOutlined /> },
  { key: 'energy', titleKey: 'energy.nav.group', icon: <ThunderboltOutlined /> },
  { key: 'canteen', titleKey: 'canteen.m.title', icon: <CoffeeOutlined /> },
  { key: 'plans', titleKey: 'plans.nav.group', icon: <AimOutlined /> },
  { key: 'admin', titleKey: 'nav.admin', icon: <ToolOutlined /> },
];

/** The one route table: menu, guards and breadcrumbs all come from here. */
export const appRoutes: AppRoute[] = [
  { path: '/', titleKey: 'nav.home', icon: <HomeOutlined />, component: lazy(() => import('../kernel-pages/home')) },
  {
    path: '/approvals',
    titleKey: 'nav.approvals',
    icon: <CheckSquareOutlined />,
    access: 'kernel.self',
    component: lazy(() => import('../kernel-pages/approvals')),
  },
  {
    path: '/notifications',
    titleKey: 'nav.notifications',
    icon: <BellOutlined />,
    access: 'kernel.self',
    component: lazy(() => import('../kernel-pages/notifications')),
  },
  { path: '/office/registry', titleKey: 'office.nav.registry', access: 'office.read', group: 'office', component: lazy(() => import('../modules/office/registry')) },
  { path: '/office/compliance', titleKey: 'office.nav.compliance', access: 'office.read', group: 'office', component: lazy(() => import('../modules/office/compliance')) },
  { path: '/office/vacancy', titleKey: 'office.nav.vacancy', access: 'office.read', group: 'office', component: lazy(() => import('../modules/office/vacancy')) },
  { path: '/office/cases', titleKey: 'office.nav.cases', access: 'office.read', group: 'office', component: lazy(() => import('../modules/office/cases')) },
  { path: '/office/standards', titleKey: 'office.nav.standards', access: 'office.read', group: 'office', component: lazy(() => import('../modules/office/standards')) },
  { path: '/office/reports', titleKey: 'office.nav.reports', access: 'office.read', group: 'office', component: lazy(() => import('../modules/office/reports')) },
  { path: '/office/certificate', titleKey: 'office.certificateTitle', access: 'office.read', group: 'office', hideInMenu: true, component: lazy(() => import('../modules/office/certificate')) },
  { path: '/office/building-history', titleKey: 'office.historyTitle', access: 'office.read', group: 'office', hideInMenu: true, component: lazy(() => import('../modules/office/building-history')) },
  ...plansRoutes,
  {
    path: '/admin/org',
    titleKey: 'nav.org',
    icon: <ApartmentOutlined />,
    access: 'kernel.org.read',
    group: 'admin',
    component: lazy(() => import('../modules/admin/org')),
  },
  {
    path: '/admin/users',
    titleKey: 'nav.users',
    icon: <TeamOutlined />,
    access: 'kernel.users.read',
    manageAccess: 'kernel.users.write',
    viewOnlyTitleKey: 'nav.usersDirectory',
    group: 'admin',
    component: lazy(() => import('../modules/admin/users')),
  },
  {
    path: '/admin/roles',
    titleKey: 'nav.roles',
    icon: <SafetyCertificateOutlined />,
    access: 'kernel.roles.read',
    group: 'admin',
    component: lazy(() => import('../modules/admin/roles')),
  },
  {
    path: '/admin/audit',
    titleKey: 'nav.audit',
    icon: <AuditOutlined />,
    access: 'kernel.audit.read',
    group: 'admin',
    component: lazy(() => import('../modules/admin/audit')),
  },
  {
    path: '/admin/settings',
    titleKey: 'nav.settings',
    icon: <SettingOutlined />,
    access: ['kernel.settings.read', 'kernel.security.write'],
    group: 'admin',
    component: lazy(() => import('../modules/admin/settings')),
  },
  { path: '/energy/entry', titleKey: 'energy.nav.entry', icon: <EditOutlined />, access: 'energy.fill', group: 'energy', component: lazy(() => import('../modules/energy/EntryPage')) },
  { path: '/energy/review', titleKey: 'energy.nav.review', icon: <FundOutlined />, access: 'energy.review', group: 'energy', component: lazy(() => import('../modules/energy/ReviewPage')) },
  { path: '/energy/dashboard', titleKey: 'energy.nav.dashboard', icon: <BarChartOutlined />, access: 'energy.read', group: 'energy', component: lazy(() => import('../modules/energy/DashboardPage')) },
  { path: '/energy/targets', titleKey: 'energy.nav.targets', icon: <AimOutlined />, access: 'energy.read', group: 'energy', component: lazy(() => import('../modules/energy/TargetsPage')) },
  { path: '/energy/institutions', titleKey: 'energy.nav.institutions', icon: <BankOutlined />, access: 'energy.manage', group: 'energy', component: lazy(() => import('../modules/energy/InstitutionsPage')) },
  { path: '/energy/factors', titleKey: 'energy.nav.factors', icon: <ExperimentOutlined />, access: 'energy.read', group: 'energy', component: lazy(() => import('../modules/energy/FactorsPage')) },
  { path: '/canteen/kitchen', titleKey: 'canteen.kitchen.title', access: 'canteen.kitchen', group: 'canteen', component: lazy(() => import('../modules/canteen/kitchen')) },
  { path: '/canteen/setup', titleKey: 'canteen.setup.title', access: 'canteen.manage', group: 'canteen', component: lazy(() => import('../modules/canteen/setup')) },
  { path: '/canteen/receptions', titleKey: 'canteen.receptions.title', access: 'canteen.read', group: 'canteen', component: lazy(() => import('../modules/canteen/receptions')) },
  { path: '/canteen/bureau', titleKey: 'canteen.bureau.title', access: 'canteen.read', group: 'canteen', component: lazy(() => import('../modules/canteen/bureau')) },
  { path: '/canteen/waste', titleKey: 'canteen.waste.title', access: 'canteen.read', group: 'canteen', component: lazy(() => import('../modules/canteen/waste')) },
  { path: '/canteen/standards', titleKey: 'canteen.standards.title', access: 'canteen.read', group: 'canteen', component: lazy(() => import('../modules/canteen/standards')) },
];

export const findRoute = (pathname: string): AppRoute | undefined => appRoutes.find((r) => r.path === pathname);

/** The label of a route for this user (a view-only variant when they cannot manage what it lists). */
export const routeTitleKey = (r: AppRoute, can: (a: Access) => boolean): string =>
  r.viewOnlyTitleKey && r.manageAccess !== undefined && !can(r.manageAccess) ? r.viewOnlyTitleKey : r.titleKey;
