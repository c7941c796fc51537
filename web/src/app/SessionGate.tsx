import { useEffect, useRef, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../kernel/api';
import { AuthProvider, useMeQuery } from '../kernel/auth';
import { useErrorText } from '../kernel/errors';
import { changeLocale } from '../i18n';
import { PageSpinner } from './PageSpinner';

/** Renders the shell only for a fully signed-in user; otherwise sends them to /login. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMeQuery();
  const errorText = useErrorText();
  const localeSynced = useRef(false);

  // The user's saved language wins once per session.
  useEffect(() => {
    if (me.data && !localeSynced.current) {
      localeSynced.current = true;
      void changeLocale(me.data.locale);
    }
  }, [me.data]);

  const toLogin = `/login?redirect=${encodeURIComponent(location.pathname + location.search)}`;
  if (me.isPending) return <PageSpinner />;
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) return <Navigate to={toLogin} replace />;
    return (
      <Result
        status="error"
        title={errorText(me.error)}
        extra={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  // Unfinished sign-in steps are completed on the login page.
  if (me.data.mustChangePassword || me.data.totpSetupRequired) return <Navigate to={`${toLogin}&resume=1`} replace />;
  return <AuthProvider me={me.data}>{children}</AuthProvider>;
}
