import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import type { LoginResult } from '../../kernel/contracts';
import { api, isApiError } from '../../kernel/api';
import { useErrorText } from '../../kernel/errors';

interface Credentials {
  username: string;
  password: string;
}

/** Username and password. Wrong password, locked account (with the time) and rate limits say so. */
export function CredentialsForm({ onResult }: { onResult: (r: LoginResult) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const login = useMutation({
    mutationFn: (c: Credentials) => api.post<LoginResult>('/api/auth/login', c),
    onSuccess: onResult,
  });
  const err = login.error;
  const code = isApiError(err) ? err.code : undefined;
  const warn = code === 'rate_limited' || code === 'account_locked';

  return (
    <Form<Credentials> name="login" layout="vertical" onFinish={(v) => login.mutate(v)} requiredMark={false}>
      {err && (
        <Alert
          type={warn ? 'warning' : 'error'}
          showIcon
          title={errorText(err)}
          style={{ marginBottom: 16 }}
          data-testid="login-error"
        />
      )}
      <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}>
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
      </Form.Item>
      <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={login.isPending} data-testid="login-submit">
        {t('auth.signIn')}
      </Button>
    </Form>
  );
}
