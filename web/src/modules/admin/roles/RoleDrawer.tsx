import { useEffect } from 'react';
import { Alert, Button, Drawer, Flex, Form, Input } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import type { Permission, Role } from '../../../kernel/contracts';
import { applyFieldErrors, useNotifyError } from '../../../kernel/errors';
import { useDrawerSize } from '../../../kernel/responsive';
import { localName } from '../../../i18n';
import { PermissionPicker } from './PermissionPicker';
import { createRole, rolesKey, updateRole } from './role-api';

interface Values {
  code: string;
  nameZh: string;
  nameEn: string;
  description?: string | null;
  permissions: string[];
}

interface Props {
  /** 'new', a role to view/edit, or null (closed). */
  target: Role | 'new' | null;
  permissions: Permission[];
  canWrite: boolean;
  onClose: () => void;
}

/** Create or edit a custom role; built-in roles open read-only. */
export function RoleDrawer({ target, permissions, canWrite, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const size = useDrawerSize(680);
  const notifyError = useNotifyError();
  const role = target !== null && target !== 'new' ? target : null;
  const readOnly = !canWrite || (role?.builtin ?? false);

  useEffect(() => {
    if (target === null) return;
    form.resetFields();
    // Built-in roles are read-only: show their description in the UI language.
    if (role) form.setFieldsValue({ ...role, description: role.builtin ? t(`roles.builtinDescription.${role.code}`, { defaultValue: role.description ?? '' }) : role.description });
    else form.setFieldsValue({ permissions: [] });
  }, [target, role, form, t]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { nameZh: v.nameZh, nameEn: v.nameEn, description: v.description || null, permissions: v.permissions };
      return role ? updateRole(role.id, body) : createRole({ ...body, code: v.code });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: rolesKey });
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) notifyError(e);
    },
  });

  const required = { required: true, message: t('common.required') };
  const title = role ? localName(role, i18n.language) : t('roles.createTitle');
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={size}
      title={title}
      destroyOnHidden
      footer={
        readOnly ? null : (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="role-save">
              {t('common.save')}
            </Button>
          </Flex>
        )
      }
    >
      {role?.builtin && <Alert type="info" showIcon title={t('roles.builtinReadOnly')} style={{ marginBottom: 16 }} />}
      <Form<Values> name="role" form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={readOnly}>
        <Form.Item
          name="code"
          label={t('roles.code')}
          extra={role ? undefined : t('roles.codeHint')}
          rules={role ? [] : [required, { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('roles.codeFormat') }]}
        >
          <Input disabled={!!role} data-testid="role-code" />
        </Form.Item>
        <Form.Item name="nameZh" label={t('roles.nameZh')} rules={[required, { max: 50 }]}>
          <Input data-testid="role-name-zh" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('roles.nameEn')} rules={[required, { max: 80 }]}>
          <Input data-testid="role-name-en" />
        </Form.Item>
        <Form.Item name="description" label={t('roles.description')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.permissions')}>
          <PermissionPicker permissions={permissions} disabled={readOnly} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
