import { Button, Form, Input } from 'antd';
import { useMutation } from '../mutation';
import { useTranslation } from 'react-i18next';
import type { ChangePasswordBody, LoginResult } from '../contracts';
import { api } from '../api';
import { applyFieldErrors, useNotifyError } from '../errors';

interface Values extends ChangePasswordBody {
  confirm: string;
}

/** Old password, new password twice; the server enforces the password policy. */
export function ChangePasswordForm({ onDone }: { onDone: (r: LoginResult | undefined) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const notifyError = useNotifyError();
  const change = useMutation({
    mutationFn: (v: ChangePasswordBody) => api.post<LoginResult | undefined>('/api/auth/password', v),
    onSuccess: (r) => onDone(r && 'status' in r ? r : undefined),
    onError: (e) => {
      if (!applyFieldErrors(form, e)) notifyError(e);
    },
  });
  return (
    <Form<Values>
      name="change-password"
      form={form}
      layout="vertical"
      requiredMark
      onFinish={(v) => change.mutate({ oldPassword: v.oldPassword, newPassword: v.newPassword })}
    >
      <Form.Item name="oldPassword" label={t('auth.oldPassword')} rules={[{ required: true, message: t('common.required') }]}>
        <Input.Password autoComplete="current-password" data-testid="password-old" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('auth.newPassword')}
        extra={t('auth.passwordHint')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('auth.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('common.required') },
          ({ getFieldValue }) => ({
            validator: (_, v) =>
              !v || getFieldValue('newPassword') === v ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={change.isPending} data-testid="password-submit">
        {t('auth.changePassword')}
      </Button>
    </Form>
  );
}
