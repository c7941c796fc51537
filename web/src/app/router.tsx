import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { setCsrfToken, setUnauthenticatedHandler } from '../kernel/api';
import { appRoutes } from './routes';
import { queryClient } from './query-client';
import { RouteGuard } from './RouteGuard';
import { PageSpinner } from './PageSpinner';

const LoginPage = lazy(() => import('../kernel-pages/login'));
const SignedIn = lazy(() => import('./SignedIn'));
const NotFoundPage = lazy(() => import('../kernel-pages/not-found'));

const Lazy = ({ children }: { children: ReactNode }) => <Suspense fallback={<PageSpinner />}>{children}</Suspense>;

export const router = createBrowserRouter([
  { path: '/login', element: <Lazy><LoginPage /></Lazy> },
  {
    path: '/',
    element: <Lazy><SignedIn /></Lazy>,
    children: [
      ...appRoutes.map((r) =>
        r.path === '/' ? { index: true, element: <RouteGuard route={r} /> } : { path: r.path, element: <RouteGuard route={r} /> },
      ),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

// Session gone (expired or signed out elsewhere): back to /login, remembering where the user was.
setUnauthenticatedHandler((code) => {
  const { pathname, search, hash } = window.location;
  if (pathname.startsWith('/login')) return;
  setCsrfToken(null);
  const redirect = encodeURIComponent(pathname + search + hash);
  const expired = code === 'session_expired' ? '&expired=1' : '';
  void router.navigate(`/login?redirect=${redirect}${expired}`, { replace: true }).then(() => queryClient.clear());
});
