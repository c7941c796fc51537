import { useEffect } from 'react';
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Skeleton } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import type { PasswordPolicy } from '../../../kernel/contracts';
import { api } from '../../../kernel/api';
import { applyFieldErrors, useErrorText, useNotifyError } from '../../../kernel/errors';

const key = ['settings', 'password-policy'] as const;

/** Field, bounds (from the contract) and unit of each policy number. */
const fields: { name: keyof PasswordPolicy; min: number; max: number; unit?: string }[] = [
  { name: 'minLength', min: 8, max: 64, unit: 'chars' },
  { name: 'minClasses', min: 1, max: 4, unit: 'classes' },
  { name: 'expiryDays', min: 0, max: 365, unit: 'days' },
  { name: 'lockoutThreshold', min: 3, max: 20, unit: 'times' },
  { name: 'lockoutWindowMinutes', min: 1, max: 1440, unit: 'minutes' },
  { name: 'lockoutMinutes', min: 1, max: 1440, unit: 'minutes' },
  { name: 'idleTimeoutMinutes', min: 5, max: 480, unit: 'minutes' },
];

/** 身份鉴别: password strength, expiry, lock-out and idle timeout. */
export function PasswordPolicyCard({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordPolicy>();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const notifyError = useNotifyError();
  const policy = useQuery({ queryKey: key, queryFn: () => api.get<PasswordPolicy>('/api/settings/password-policy') });
  useEffect(() => {
    if (policy.data) form.setFieldsValue(policy.data);
  }, [policy.data, form]);
  const save = useMutation({
    mutationFn: (v: PasswordPolicy) => api.put<PasswordPolicy>('/api/settings/password-policy', v),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: key });
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) notifyError(e);
    },
  });

  return (
    <Card title={t('settings.passwordPolicy')} data-testid="settings-password-policy">
      {policy.isPending && <Skeleton active />}
      {policy.isError && <Alert type="error" showIcon title={errorText(policy.error)} />}
      {policy.data && (
        <Form<PasswordPolicy> name="password-policy" form={form} layout="vertical" disabled={!canWrite} onFinish={(v) => save.mutate(v)}>
          <Row gutter={16}>
            {fields.map((f) => (
              <Col key={f.name} xs={24} sm={12}>
                <Form.Item
                  name={f.name}
                  label={t(`settings.policy.${f.name}`)}
                  extra={t(`settings.policyHint.${f.name}`)}
                  rules={[{ required: true, message: t('common.required') }, { type: 'number', min: f.min, max: f.max, message: t('settings.range', { min: f.min, max: f.max }) }]}
                >
                  <InputNumber min={f.min} max={f.max} precision={0} style={{ width: '100%' }} suffix={f.unit ? t(`settings.unit.${f.unit}`) : undefined} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          {canWrite && (
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-password-save">
              {t('common.save')}
            </Button>
          )}
        </Form>
      )}
    </Card>
  );
}
