import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Form, Input, Spin, Typography } from 'antd';
import { useMutation } from '../mutation';
import { useTranslation } from 'react-i18next';
import type { LoginResult, TotpSetup } from '../contracts';
import { api } from '../api';
import { useErrorText } from '../errors';

/**
 * Second-factor set-up: a QR code for the authenticator app, its secret as text, then a first code.
 * `required`: the security policy demands it (at sign-in); otherwise the user chose to set it up.
 */
export function TotpEnrolment({ onDone, required = false }: { onDone: (r: LoginResult | undefined) => void; required?: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [qr, setQr] = useState<string | null>(null);
  const setup = useMutation({ mutationFn: () => api.post<TotpSetup>('/api/auth/totp/setup') });
  const enable = useMutation({
    mutationFn: (code: string) => api.post<LoginResult | undefined>('/api/auth/totp/enable', { code }),
    onSuccess: (r) => onDone(r && 'status' in r ? r : undefined),
  });
  const { mutate: startSetup } = setup;

  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    startSetup();
  }, [startSetup]);
  useEffect(() => {
    const uri = setup.data?.uri;
    if (!uri) return;
    let live = true;
    // The QR library is loaded only when needed.
    void import('qrcode').then((QRCode) =>
      QRCode.toDataURL(uri, { width: 200, margin: 1 }).then((url) => live && setQr(url)),
    );
    return () => {
      live = false;
    };
  }, [setup.data?.uri]);

  if (setup.isError) {
    return (
      <Alert type="error" showIcon title={errorText(setup.error)} action={<Button onClick={() => startSetup()}>{t('common.retry')}</Button>} />
    );
  }
  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph>{t(required ? 'auth.totpEnrolIntro' : 'auth.totpEnrolIntroOptional')}</Typography.Paragraph>
      <Flex justify="center">
        {qr ? (
          <img src={qr} width={200} height={200} alt={t('auth.totpQrAlt')} data-testid="totp-qr" />
        ) : (
          <Flex justify="center" align="center" style={{ width: 200, height: 200 }}>
            <Spin />
          </Flex>
        )}
      </Flex>
      <Typography.Text type="secondary">{t('auth.totpSecretLabel')}</Typography.Text>
      <Typography.Text code copyable data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>
        {setup.data?.secret ?? '…'}
      </Typography.Text>
      <TotpCodeForm
        submitText={t('auth.totpEnable')}
        loading={enable.isPending}
        error={enable.isError ? errorText(enable.error) : undefined}
        onSubmit={(code) => enable.mutate(code)}
        disabled={!setup.data}
      />
    </Flex>
  );
}

interface CodeFormProps {
  submitText: string;
  loading: boolean;
  error?: string;
  disabled?: boolean;
  onSubmit: (code: string) => void;
}

/** One six-digit code from the authenticator app. */
export function TotpCodeForm({ submitText, loading, error, disabled, onSubmit }: CodeFormProps) {
  const { t } = useTranslation();
  return (
    <Form<{ code: string }> name="totp" layout="vertical" onFinish={(v) => onSubmit(v.code)}>
      <Form.Item
        name="code"
        label={t('auth.totpCode')}
        validateStatus={error ? 'error' : undefined}
        help={error}
        rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.totpCodeFormat') }]}
      >
        <Input
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          placeholder="000000"
          disabled={disabled}
          data-testid="totp-code"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={loading} disabled={disabled} data-testid="totp-submit">
        {submitText}
      </Button>
    </Form>
  );
}
