import { Form, Modal, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import type { AssignmentCreate, Role } from '../../../kernel/contracts';
import { applyFieldErrors, useNotifyError } from '../../../kernel/errors';
import { OrgTreeSelect } from '../../../kernel/components/OrgTreeSelect';
import { localName } from '../../../i18n';
import { assignmentsKey, grantRole } from './role-api';
import { UserSelect } from './UserSelect';

/** Grant a role to a user over an org unit (the data scope). */
export function GrantModal({ open, roles, onClose }: { open: boolean; roles: Role[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<AssignmentCreate>();
  const qc = useQueryClient();
  const notifyError = useNotifyError();
  const grant = useMutation({
    mutationFn: grantRole,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: assignmentsKey });
      form.resetFields();
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e)) notifyError(e);
    },
  });
  const required = { required: true, message: t('common.required') };
  return (
    <Modal
      open={open}
      title={t('roles.grantTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('roles.grant')}
      okButtonProps={{ loading: grant.isPending, 'data-testid': 'grant-submit' }}
      destroyOnHidden
    >
      <Form<AssignmentCreate> name="grant" form={form} layout="vertical" onFinish={(v) => grant.mutate(v)}>
        <Form.Item name="userId" label={t('roles.user')} rules={[required]}>
          <UserSelect data-testid="grant-user" />
        </Form.Item>
        <Form.Item name="roleId" label={t('roles.role')} rules={[required]}>
          <Select
            data-testid="grant-role"
            showSearch={{ optionFilterProp: 'label' }}
            options={roles.map((r) => ({ value: r.id, label: localName(r, i18n.language) }))}
          />
        </Form.Item>
        <Form.Item name="scopeUnitId" label={t('roles.scope')} extra={t('roles.scopeHint')} rules={[required]}>
          <OrgTreeSelect allowClear={false} data-testid="grant-scope" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
