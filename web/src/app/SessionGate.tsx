import { useEffect, useRef, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../kernel/api';
import { AuthProvider, meQueryKey, useMeQuery } from '../kernel/auth';
import type { Me } from '../kernel/contracts';
import { useErrorText } from '../kernel/errors';
import { changeLocale, currentLocale, takeLocalePicked } from '../i18n';
import { PageSpinner } from './PageSpinner';

/** Renders the shell only for a fully signed-in user; otherwise sends them to /login. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMeQuery();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const localeSynced = useRef(false);

  // The user's saved language wins once per session, unless they just picked one on the sign-in
  // page: then that choice is saved for them.
  useEffect(() => {
    if (!me.data || localeSynced.current) return;
    localeSynced.current = true;
    const picked = currentLocale();
    if (takeLocalePicked() && picked !== me.data.locale) {
      void api
        .put('/api/auth/locale', { locale: picked })
        .then(() => qc.setQueryData<Me>(meQueryKey, (old) => (old ? { ...old, locale: picked } : old)))
        .catch(() => undefined);
    } else void changeLocale(me.data.locale);
  }, [me.data, qc]);

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
