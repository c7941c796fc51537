import { App, Button, DatePicker, Divider, Flex, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../kernel/errors';
import { CLASSES, completeProject, officeKey, SUB_TYPES, type Project, type RoomClass } from './office-api';

type RoomRow = { floorLevel: number; number: string; roomClass: RoomClass; subType: string; usableArea: number; grossArea: number; capacity?: number; status: 'in_use' | 'vacant' };
type Values = {
  completedOn: dayjs.Dayjs; code: string; name: string; address?: string; titleCertNo?: string; owner?: string; grossArea: number; certArea?: number; structure: string;
  floors: { level: number; name: string }[]; rooms: RoomRow[];
};
const STRUCTURES = ['frame', 'brick_concrete', 'steel', 'shear_wall', 'other'] as const;

/** 竣工入账: the completed project's building, floors and rooms entered into the registry from the completion day. */
export function CompletionModal({ project, onClose }: { project: Project | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => completeProject(project!.id, {
      completedOn: v.completedOn.format('YYYY-MM-DD'),
      building: { code: v.code, name: v.name, address: v.address ?? '', titleCertNo: v.titleCertNo ?? '', owner: v.owner ?? '', grossArea: v.grossArea, certArea: v.certArea ?? null, structure: v.structure },
      floors: v.floors,
      rooms: v.rooms.map((r) => ({ ...r, capacity: r.capacity ?? 1 })),
    }),
    onSuccess: (p) => { void message.success(t('office.completedEntered', { name: p.buildingName, count: p.rooms })); onClose(); void qc.invalidateQueries({ queryKey: officeKey }); },
    onError: notifyError,
  });
  const req = { required: true, message: t('common.required') };
  return (
    <Modal open={project !== null} title={`${t('office.completeProject')} · ${project?.name ?? ''}`} width={880} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden
      okButtonProps={{ 'data-testid': 'complete-ok' } as Record<string, string>}>
      <Typography.Paragraph type="secondary">{t('office.completeIntro')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" preserve={false} onFinish={(v) => save.mutate(v)} data-testid="complete-form"
        initialValues={{ structure: 'frame', grossArea: project?.area, name: project?.name, completedOn: project?.startedOn && dayjs(project.startedOn).isAfter(dayjs()) ? undefined : dayjs(),
          floors: [{ level: 1, name: '1层' }], rooms: [{ floorLevel: 1, number: '101', roomClass: 'office', subType: 'office', status: 'in_use' }] }}>
        <Flex gap={12} wrap>
          <Form.Item name="completedOn" label={t('office.completedOn')} rules={[req]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day') || (project?.startedOn ? d.isBefore(dayjs(project.startedOn), 'day') : false)} data-testid="complete-date" />
          </Form.Item>
          <Form.Item name="code" label={t('office.buildingCode')} rules={[req]}><Input maxLength={40} data-testid="complete-code" /></Form.Item>
          <Form.Item name="name" label={t('office.building')} rules={[req]} style={{ minWidth: 240 }}><Input maxLength={100} data-testid="complete-name" /></Form.Item>
          <Form.Item name="grossArea" label={t('office.grossArea')} rules={[req]}><InputNumber min={0.01} max={500000} data-testid="complete-gross" /></Form.Item>
          <Form.Item name="structure" label={t('office.field.structure')}><Select style={{ width: 120 }} options={STRUCTURES.map((s) => ({ value: s, label: t(`office.structureName.${s}`) }))} /></Form.Item>
          <Form.Item name="address" label={t('office.address')} style={{ minWidth: 280 }}><Input maxLength={200} /></Form.Item>
          <Form.Item name="titleCertNo" label={t('office.titleCertNo')}><Input maxLength={200} /></Form.Item>
          <Form.Item name="certArea" label={t('office.certArea')}><InputNumber min={0.01} max={500000} /></Form.Item>
        </Flex>
        <Divider titlePlacement="start">{t('office.completeFloors')}</Divider>
        <Form.List name="floors">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="baseline" wrap>
                  <Form.Item name={[f.name, 'level']} rules={[req]} extra={i === 0 ? t('office.floorHint') : undefined}><InputNumber min={-10} max={200} placeholder={t('office.floor')} data-testid={`complete-floor-level-${i}`} /></Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[req]}><Input maxLength={40} placeholder={t('office.floorName')} data-testid={`complete-floor-name-${i}`} /></Form.Item>
                  {fields.length > 1 && <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('office.remove')} />}
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ level: fields.length + 1, name: `${fields.length + 1}层` })} data-testid="complete-add-floor">{t('office.addFloor')}</Button>
            </>
          )}
        </Form.List>
        <Divider titlePlacement="start">{t('office.completeRooms')}</Divider>
        <Form.List name="rooms">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="baseline" wrap data-testid={`complete-room-${i}`}>
                  <Form.Item name={[f.name, 'floorLevel']} rules={[req]}><InputNumber min={-10} max={200} placeholder={t('office.floor')} style={{ width: 70 }} /></Form.Item>
                  <Form.Item name={[f.name, 'number']} rules={[req]}><Input maxLength={20} placeholder={t('office.roomNumber')} style={{ width: 90 }} data-testid={`complete-room-number-${i}`} /></Form.Item>
                  <Form.Item name={[f.name, 'roomClass']} rules={[req]}>
                    <Select style={{ width: 110 }} options={CLASSES.map((c) => ({ value: c, label: t(`office.roomClass.${c}`) }))}
                      onChange={(c: RoomClass) => form.setFieldValue(['rooms', f.name, 'subType'], SUB_TYPES[c][0])} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() => (
                      <Form.Item name={[f.name, 'subType']} rules={[req]}>
                        <Select style={{ width: 110 }} options={(SUB_TYPES[form.getFieldValue(['rooms', f.name, 'roomClass']) as RoomClass] ?? []).map((s) => ({ value: s, label: t(`office.subType.${s}`) }))} />
                      </Form.Item>
                    )}
                  </Form.Item>
                  <Form.Item name={[f.name, 'usableArea']} rules={[req]}><InputNumber min={0.01} max={3000} placeholder={t('office.usableArea')} style={{ width: 110 }} data-testid={`complete-room-usable-${i}`} /></Form.Item>
                  <Form.Item name={[f.name, 'grossArea']} rules={[req]}><InputNumber min={0.01} max={5000} placeholder={t('office.grossArea')} style={{ width: 110 }} data-testid={`complete-room-gross-${i}`} /></Form.Item>
                  <Form.Item name={[f.name, 'status']}>
                    <Select style={{ width: 90 }} options={(['in_use', 'vacant'] as const).map((s) => ({ value: s, label: t(`office.status.${s}`) }))} />
                  </Form.Item>
                  {fields.length > 1 && <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('office.remove')} />}
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} data-testid="complete-add-room"
                onClick={() => { const last = form.getFieldValue(['rooms', fields.length - 1]) as RoomRow | undefined; add({ floorLevel: last?.floorLevel ?? 1, number: '', roomClass: 'office', subType: 'office', status: 'in_use' }); }}>
                {t('office.addRoom')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
