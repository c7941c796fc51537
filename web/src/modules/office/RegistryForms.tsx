import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../kernel/errors';
import { OrgTreeSelect } from '../../kernel/components/OrgTreeSelect';
import { api } from '../../kernel/api';
import { useAuth } from '../../kernel/auth';
import { createBuilding, createFloor, createPerson, officeKey, updateBuilding, updateFloor, type Building, type FloorRow } from './office-api';
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { todayIso } from './labels';

type Mode = { kind: 'building'; building?: Building } | { kind: 'floor'; buildingId: number } | { kind: 'floorEdit'; floor: FloorRow } | { kind: 'person' } | null;
const STRUCTURES = ['frame', 'brick_concrete', 'steel', 'shear_wall', 'other'] as const;

/** New building, floor or person: one small form each, errors from the server shown as they come. */
export function RegistryForms({ mode, onClose }: { mode: Mode; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const notifyError = useNotifyError();
  const [form] = Form.useForm();
  const { me } = useAuth();
  const ranks = useQuery({ queryKey: ['org', 'ranks'], queryFn: () => api.get<{ code: string; nameZh: string; nameEn: string }[]>('/api/org/ranks'), staleTime: Infinity, enabled: mode?.kind === 'person' });
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>): Promise<unknown> => {
      if (mode?.kind === 'building') {
        const body = { ...v, certArea: v.certArea ?? null, yearBuilt: v.yearBuilt ?? null, lat: v.lat ?? null, lng: v.lng ?? null };
        return mode.building ? updateBuilding(mode.building.id, { ...body, from: (v.from as dayjs.Dayjs).format('YYYY-MM-DD') }) : createBuilding(body);
      }
      // A floor entered here exists from today (the API takes an earlier first day; without one, an unknown start).
      if (mode?.kind === 'floor') return createFloor({ ...v, buildingId: mode.buildingId, from: todayIso() });
      if (mode?.kind === 'floorEdit') return updateFloor(mode.floor.id, { name: v.name, from: (v.from as dayjs.Dayjs).format('YYYY-MM-DD') });
      return createPerson(v);
    },
    onSuccess: () => { void qc.invalidateQueries({ queryKey: officeKey }); onClose(); },
    onError: notifyError,
  });
  const req = [{ required: true, message: t('common.required') }];
  const title = mode?.kind === 'building' && mode.building ? t('office.editBuilding') : mode?.kind === 'floorEdit' ? t('office.editFloor') : mode ? t(`office.newForm.${mode.kind}`) : '';
  const initial = mode?.kind === 'building' && mode.building ? { ...mode.building, from: dayjs() } : mode?.kind === 'floorEdit' ? { name: mode.floor.name, from: dayjs() } : { orgUnitId: me.scopes[0]?.unitId, structure: 'frame' };
  return (
    <Modal open={mode !== null} title={title} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'registry-form-ok' } as Record<string, string>}>
      <Form form={form} layout="vertical" preserve={false} initialValues={initial} onFinish={(v: Record<string, unknown>) => save.mutate(v)} data-testid="registry-form">
        {mode?.kind === 'building' && (
          <>
            <Form.Item name="orgUnitId" label={t('office.keeper')} rules={req}><OrgTreeSelect /></Form.Item>
            <Form.Item name="code" label={t('office.buildingCode')} rules={req}><Input maxLength={40} data-testid="building-code" /></Form.Item>
            <Form.Item name="name" label={t('office.building')} rules={req}><Input maxLength={100} data-testid="building-name" /></Form.Item>
            <Form.Item name="address" label={t('office.address')}><Input maxLength={200} /></Form.Item>
            <Form.Item name="titleCertNo" label={t('office.titleCertNo')}><Input maxLength={200} /></Form.Item>
            <Form.Item name="grossArea" label={t('office.grossArea')} rules={req}><InputNumber min={0.01} max={500000} style={{ width: '100%' }} data-testid="building-gross" /></Form.Item>
            <Form.Item name="certArea" label={t('office.certArea')}><InputNumber min={0.01} max={500000} style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="yearBuilt" label={t('office.yearBuilt')}><InputNumber min={1900} max={2100} style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="owner" label={t('office.field.owner')}><Input maxLength={100} data-testid="building-owner" /></Form.Item>
            <Form.Item name="structure" label={t('office.field.structure')}><Select options={STRUCTURES.map((x) => ({ value: x, label: t(`office.structureName.${x}`) }))} /></Form.Item>
            <Form.Item name="lat" label={t('office.lat')}><InputNumber min={-90} max={90} step={0.000001} style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="lng" label={t('office.lng')}><InputNumber min={-180} max={180} step={0.000001} style={{ width: '100%' }} /></Form.Item>
            {mode.building && (
              <Form.Item name="from" label={t('office.floorFrom')} rules={req} extra={t('office.editBuildingHint')}>
                <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="building-edit-from" />
              </Form.Item>
            )}
          </>
        )}
        {mode?.kind === 'floorEdit' && (
          <>
            <Form.Item name="name" label={t('office.floorName')} rules={req}><Input maxLength={40} data-testid="floor-edit-name" /></Form.Item>
            <Form.Item name="from" label={t('office.floorFrom')} rules={req} extra={t('office.floorFromHint')}><DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="floor-edit-from" /></Form.Item>
          </>
        )}
        {mode?.kind === 'floor' && (
          <>
            <Form.Item name="level" label={t('office.floor')} rules={req} extra={t('office.floorHint')}><InputNumber min={-10} max={200} style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="name" label={t('office.floorName')} rules={req}><Input maxLength={40} /></Form.Item>
          </>
        )}
        {mode?.kind === 'person' && (
          <>
            <Form.Item name="orgUnitId" label={t('office.organ')} rules={req}><OrgTreeSelect /></Form.Item>
            <Form.Item name="name" label={t('office.personName')} rules={req}><Input maxLength={50} /></Form.Item>
            <Form.Item name="rankCode" label={t('office.rank')} rules={req}>
              <Select options={(ranks.data ?? []).map((r) => ({ value: r.code, label: t(`office.rankName.${r.code}`) }))} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
