import { useEffect } from 'react';
import { Button, Drawer, Flex, Form, Input, Select, Switch } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import type { OneTimePassword, User, UserCreate, UserUpdate } from '../../../kernel/contracts';
import { applyFieldErrors, useNotifyError } from '../../../kernel/errors';
import { useDrawerSize } from '../../../kernel/responsive';
import { OrgTreeSelect } from '../../../kernel/components/OrgTreeSelect';
import { localName } from '../../../i18n';
import { createUser, updateUser, useRanks, usersKey } from './user-api';

interface Values {
  username: string;
  displayName: string;
  orgUnitId: number;
  rank?: string | null;
  phone?: string | null;
  email?: string | null;
  active: boolean;
}

interface Props {
  /** `'new'` to create; a user to edit; null when closed. */
  target: User | 'new' | null;
  onClose: () => void;
  onCreated: (r: OneTimePassword) => void;
}

const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/** Create or edit an account. Only changed fields are sent on edit (masked phone/e-mail stay untouched). */
export function UserFormDrawer({ target, onClose, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const size = useDrawerSize(520);
  const notifyError = useNotifyError();
  const ranks = useRanks();
  const editing = target !== null && target !== 'new' ? target : null;

  useEffect(() => {
    if (target === null) return;
    form.resetFields();
    if (editing) form.setFieldsValue({ ...editing, active: editing.active });
  }, [target, editing, form]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      if (!editing) {
        const body: UserCreate = {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          orgUnitId: v.orgUnitId,
          rank: v.rank ?? null,
          phone: blankToNull(v.phone),
          email: blankToNull(v.email),
        };
        return { created: await createUser(body) };
      }
      const body: UserUpdate = {};
      if (v.displayName !== editing.displayName) body.displayName = v.displayName.trim();
      if (v.orgUnitId !== editing.orgUnitId) body.orgUnitId = v.orgUnitId;
      if ((v.rank ?? null) !== editing.rank) body.rank = v.rank ?? null;
      if (blankToNull(v.phone) !== editing.phone) body.phone = blankToNull(v.phone);
      if (blankToNull(v.email) !== editing.email) body.email = blankToNull(v.email);
      if (v.active !== editing.active) body.active = v.active;
      await updateUser(editing.id, body);
      return { created: null };
    },
    onSuccess: ({ created }) => {
      void qc.invalidateQueries({ queryKey: usersKey });
      onClose();
      if (created) onCreated(created);
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) notifyError(e);
    },
  });

  const required = { required: true, message: t('common.required') };
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={size}
      title={editing ? t('users.editTitle', { name: editing.displayName }) : t('users.createTitle')}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="user-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form<Values> name="user" form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ active: true }}>
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={editing ? undefined : t('users.usernameHint')}
          rules={editing ? [] : [required, { pattern: /^[a-zA-Z0-9_.-]{3,32}$/, message: t('users.usernameFormat') }]}
        >
          <Input disabled={!!editing} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[required, { max: 50 }]}>
          <Input data-testid="user-display-name" />
        </Form.Item>
        <Form.Item name="orgUnitId" label={t('users.orgUnit')} rules={[required]}>
          <OrgTreeSelect allowClear={false} data-testid="user-org-unit" />
        </Form.Item>
        <Form.Item name="rank" label={t('users.rank')}>
          <Select
            allowClear
            loading={ranks.isLoading}
            options={(ranks.data ?? []).map((r) => ({ value: r.code, label: localName(r, i18n.language) }))}
          />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')} rules={[{ pattern: /^(1\d{10})?$|\*/, message: t('users.phoneFormat') }]}>
          <Input inputMode="tel" maxLength={11} />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('users.emailFormat') }]}>
          <Input inputMode="email" />
        </Form.Item>
        {editing && (
          <Form.Item name="active" label={t('users.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
