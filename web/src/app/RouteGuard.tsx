import { lazy } from 'react';
import { useAuth } from '../kernel/auth';
import type { AppRoute } from './routes';

const ForbiddenPage = lazy(() => import('../kernel-pages/forbidden'));

/** The same access flag that hides the menu item guards the page (403 otherwise). */
export function RouteGuard({ route }: { route: AppRoute }) {
  const { can } = useAuth();
  const Page = can(route.access) ? route.component : ForbiddenPage;
  return <Page />;
}
