import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../kernel/errors';
import { OrgTreeSelect } from '../../kernel/components/OrgTreeSelect';
import { CLASSES, createRoom, officeKey, STATUSES, SUB_TYPES, type RoomClass } from './office-api';
import { todayIso } from './labels';

interface Values { number: string; roomClass: RoomClass; subType: string; usableArea: number; grossArea: number; washroomArea: number; capacity: number; status: string; orgUnitId: number }

/** A new room on the chosen floor of the chosen building. */
export function RoomFormModal({ at, onClose }: { at: { buildingId: number; floorId: number; orgUnitId: number } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const cls = Form.useWatch('roomClass', form) ?? 'office';
  const save = useMutation({
    mutationFn: (v: Values) => createRoom({ ...v, buildingId: at!.buildingId, floorId: at!.floorId, from: todayIso() }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: officeKey }); onClose(); },
    onError: notifyError,
  });
  return (
    <Modal open={at !== null} title={t('office.newRoom')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'room-form-ok' } as Record<string, string>}>
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => save.mutate(v)}
        initialValues={{ roomClass: 'office', subType: 'office', washroomArea: 0, capacity: 1, status: 'in_use', orgUnitId: at?.orgUnitId }} data-testid="room-form">
        <Form.Item name="number" label={t('office.roomNumber')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={20} data-testid="room-form-number" /></Form.Item>
        <Form.Item name="roomClass" label={t('office.class')}>
          <Select options={CLASSES.map((c) => ({ value: c, label: t(`office.roomClass.${c}`) }))} onChange={(c: RoomClass) => form.setFieldValue('subType', SUB_TYPES[c][0])} />
        </Form.Item>
        <Form.Item name="subType" label={t('office.subTypeLabel')}><Select options={SUB_TYPES[cls].map((s) => ({ value: s, label: t(`office.subType.${s}`) }))} /></Form.Item>
        <Form.Item name="usableArea" label={t('office.usableArea')} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={0.01} max={3000} style={{ width: '100%' }} data-testid="room-form-usable" /></Form.Item>
        <Form.Item name="grossArea" label={t('office.grossArea')} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={0.01} max={5000} style={{ width: '100%' }} data-testid="room-form-gross" /></Form.Item>
        <Form.Item name="washroomArea" label={t('office.washroomArea')}><InputNumber min={0} max={100} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="capacity" label={t('office.capacity')}><InputNumber min={1} max={200} style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="status" label={t('common.status')}><Select options={STATUSES.map((s) => ({ value: s, label: t(`office.status.${s}`) }))} /></Form.Item>
        <Form.Item name="orgUnitId" label={t('office.organ')} rules={[{ required: true, message: t('common.required') }]}><OrgTreeSelect /></Form.Item>
      </Form>
    </Modal>
  );
}
