import { useState } from 'react';
import { Alert, Form, Modal } from 'antd';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '../../../kernel/contracts';
import { api } from '../../../kernel/api';
import { useErrorText } from '../../../kernel/errors';
import { OrgTreeSelect } from '../../../kernel/components/OrgTreeSelect';

/** Move a unit (and everything under it) below another parent. */
export function MoveUnitModal({ unit, onClose, onMoved }: { unit: OrgUnit | null; onClose: () => void; onMoved: (from: number | null, to: number) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [parentId, setParentId] = useState<number | undefined>();
  const move = useMutation({
    mutationFn: (to: number) => api.post(`/api/org/units/${unit?.id ?? 0}/move`, { parentId: to }),
    onSuccess: (_r, to) => {
      onMoved(unit?.parentId ?? null, to);
      setParentId(undefined);
    },
  });
  const close = () => {
    setParentId(undefined);
    move.reset();
    onClose();
  };
  return (
    <Modal
      open={unit !== null}
      title={t('org.moveTitle', { name: unit?.name ?? '' })}
      onCancel={close}
      onOk={() => parentId && move.mutate(parentId)}
      okText={t('org.move')}
      okButtonProps={{ disabled: !parentId || parentId === unit?.parentId, loading: move.isPending, danger: true }}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('org.moveHint')} style={{ marginBottom: 16 }} />
      <Form layout="vertical">
        <Form.Item label={t('org.newParent')} required htmlFor="org-move-parent">
          <OrgTreeSelect id="org-move-parent" value={parentId} onChange={setParentId} excludeId={unit?.id} data-testid="org-move-parent" />
        </Form.Item>
      </Form>
      {move.isError && <Alert type="error" showIcon title={errorText(move.error)} />}
    </Modal>
  );
}
