import { lazy } from 'react';
import { ApartmentOutlined, DashboardOutlined, FileTextOutlined, MessageOutlined, TrophyOutlined } from '@ant-design/icons';
import type { AppRoute } from '../../app/routes';
import { registerApprovalDetail } from '../../kernel/approval-details';

// The alignment review's approver sees this plan's column of the matrix inside the request in /approvals.
registerApprovalDetail('plans.alignment', lazy(() => import('./AlignmentReview')));

/** The plans module's pages, in the "规划评估" menu group. */
export const plansRoutes: AppRoute[] = [
  { path: '/plans/cockpit', titleKey: 'plans.nav.cockpit', icon: <DashboardOutlined />, access: 'plans.cockpit', group: 'plans', component: lazy(() => import('./cockpit')) },
  { path: '/plans', titleKey: 'plans.nav.plans', icon: <FileTextOutlined />, access: 'plans.read', group: 'plans', component: lazy(() => import('./index')) },
  { path: '/plans/matrix', titleKey: 'plans.nav.matrix', icon: <ApartmentOutlined />, access: 'plans.read', group: 'plans', component: lazy(() => import('./matrix')) },
  { path: '/plans/evaluation/report', titleKey: 'plans.evaluation.reportPage', access: 'plans.read', group: 'plans', hideInMenu: true, component: lazy(() => import('./report')) },
  { path: '/plans/evaluation', titleKey: 'plans.nav.evaluation', icon: <TrophyOutlined />, access: 'plans.read', group: 'plans', component: lazy(() => import('./evaluation')) },
  { path: '/plans/suggestions', titleKey: 'plans.nav.suggestions', icon: <MessageOutlined />, access: 'plans.suggest', group: 'plans', component: lazy(() => import('./suggestions')) },
];
