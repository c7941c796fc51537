import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Typography, theme } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { LoginResult } from '../../kernel/contracts';
import { api, setCsrfToken } from '../../kernel/api';
import { fetchMe, meQueryKey, safeRedirect, useAcceptLoginResult, useMeQuery } from '../../kernel/auth';
import { useErrorText } from '../../kernel/errors';
import { ChangePasswordForm } from '../../kernel/components/ChangePasswordForm';
import { TotpCodeForm, TotpEnrolment } from '../../kernel/components/TotpEnrolment';
import { changeLocale, currentLocale, markLocalePicked, otherLocale } from '../../i18n';
import { CredentialsForm } from './CredentialsForm';

type Step = 'credentials' | 'totp' | 'enrol' | 'password';
const stepOf: Record<LoginResult['status'], Step | null> = {
  ok: null,
  totp_required: 'totp',
  totp_setup_required: 'enrol',
  password_change_required: 'password',
};

/** Sign-in: credentials, then whatever the server asks for (second factor, its set-up, a new password). */
export default function LoginPage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const redirect = safeRedirect(params.get('redirect'));
  const accept = useAcceptLoginResult();
  const errorText = useErrorText();
  const [step, setStep] = useState<Step>('credentials');

  const finish = useCallback(
    (r: LoginResult | undefined) => {
      if (!r?.me) qc.removeQueries({ queryKey: meQueryKey });
      void navigate(redirect, { replace: true });
    },
    [qc, navigate, redirect],
  );

  /** Go to the step the server's answer names; without an answer, ask /me what is left. */
  const follow = useCallback(
    async (r: LoginResult | undefined) => {
      if (r) accept(r);
      let status = r?.status;
      if (!status) {
        try {
          const me = await qc.fetchQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 0 });
          status = me.mustChangePassword ? 'password_change_required' : me.totpSetupRequired ? 'totp_setup_required' : 'ok';
        } catch {
          setStep('credentials');
          return;
        }
      }
      const next = stepOf[status];
      if (next) setStep(next);
      else finish(r);
    },
    [accept, qc, finish],
  );

  // A session that is half-way (first sign-in) resumes at its step; a full one goes straight in.
  const me = useMeQuery(params.get('resume') === '1');
  useEffect(() => {
    if (!me.data) return;
    if (me.data.mustChangePassword) setStep('password');
    else if (me.data.totpSetupRequired) setStep('enrol');
    else if (step === 'credentials') void navigate(redirect, { replace: true });
  }, [me.data, navigate, redirect, step]);

  const verify = useMutation({
    mutationFn: (code: string) => api.post<LoginResult>('/api/auth/totp/verify', { code }),
    onSuccess: (r) => void follow(r),
  });

  const restart = () => {
    void api.post('/api/auth/logout').catch(() => undefined);
    setCsrfToken(null);
    qc.removeQueries({ queryKey: meQueryKey });
    setStep('credentials');
  };

  const titles: Record<Step, string> = {
    credentials: t('auth.signIn'),
    totp: t('auth.totpVerifyTitle'),
    enrol: t('auth.totpEnrolTitle'),
    password: t('auth.passwordChangeTitle'),
  };

  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', background: token.colorBgLayout, padding: 16 }}>
      <Flex justify="flex-end" style={{ width: '100%' }}>
        <Button
          type="text"
          icon={<GlobalOutlined />}
          data-testid="lang-switch"
          onClick={() => {
            markLocalePicked();
            void changeLocale(otherLocale(currentLocale()));
          }}
        >
          {t(`common.localeName.${otherLocale(currentLocale())}`)}
        </Button>
      </Flex>
      <Flex vertical align="center" gap={8} style={{ marginTop: '8vh', marginBottom: 24, textAlign: 'center' }}>
        <Typography.Title level={2} style={{ margin: 0, color: token.colorPrimary }}>
          {t('common.appName')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('auth.tagline')}</Typography.Text>
      </Flex>
      <Card title={titles[step]} style={{ width: '100%', maxWidth: 400 }}>
        {params.get('expired') === '1' && step === 'credentials' && (
          <Alert type="warning" showIcon title={t('auth.sessionExpired')} style={{ marginBottom: 16 }} />
        )}
        {step === 'credentials' && <CredentialsForm onResult={(r) => void follow(r)} />}
        {step === 'totp' && (
          <>
            <Typography.Paragraph>{t('auth.totpVerifyIntro')}</Typography.Paragraph>
            <TotpCodeForm
              submitText={t('auth.totpVerify')}
              loading={verify.isPending}
              error={verify.isError ? errorText(verify.error) : undefined}
              onSubmit={(code) => verify.mutate(code)}
            />
          </>
        )}
        {step === 'enrol' && <TotpEnrolment required onDone={(r) => void follow(r)} />}
        {step === 'password' && (
          <>
            <Alert type="info" showIcon title={t('auth.passwordChangeIntro')} style={{ marginBottom: 16 }} />
            <ChangePasswordForm onDone={(r) => void follow(r)} />
          </>
        )}
        {step !== 'credentials' && (
          <Button type="link" block onClick={restart} style={{ marginTop: 8 }}>
            {t('auth.backToSignIn')}
          </Button>
        )}
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
        {t('auth.footer')}
      </Typography.Text>
    </Flex>
  );
}
