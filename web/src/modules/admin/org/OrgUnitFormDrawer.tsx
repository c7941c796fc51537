import { useEffect } from 'react';
import { App, Button, Drawer, Flex, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import type { OrgKind, OrgUnit, OrgUnitCreate, OrgUnitUpdate, OrganLevel, RegionLevel } from '../../../kernel/contracts';
import { api } from '../../../kernel/api';
import { applyFieldErrors, useNotifyError } from '../../../kernel/errors';
import { useDrawerSize } from '../../../kernel/responsive';

export type OrgFormTarget = { mode: 'create'; parent: OrgUnit } | { mode: 'edit'; unit: OrgUnit } | null;

interface Values {
  kind: OrgKind;
  name: string;
  regionCode?: string;
  regionLevel?: RegionLevel;
  organLevel?: OrganLevel;
  uscc?: string;
  sort?: number;
  active: boolean;
}

const KINDS: OrgKind[] = ['region', 'organ', 'department'];
const REGION_LEVELS: RegionLevel[] = ['province', 'prefecture', 'county', 'township'];
const ORGAN_LEVELS: OrganLevel[] = ['central', 'provincial', 'prefectural', 'county', 'township'];

/** Create a child unit, or edit one. Regions need a code and level; organs an organ level and USCC. */
export function OrgUnitFormDrawer({ target, onClose, onSaved }: { target: OrgFormTarget; onClose: () => void; onSaved: (parentId: number | null, id?: number, unit?: OrgUnit) => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const size = useDrawerSize(520);
  const notifyError = useNotifyError();
  const kind = Form.useWatch('kind', form);
  const unit = target?.mode === 'edit' ? target.unit : null;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const u = target.unit;
      form.setFieldsValue({ kind: u.kind, name: u.name, uscc: u.uscc ?? undefined, organLevel: u.organLevel ?? undefined, sort: u.sort, active: u.active });
    } else form.setFieldsValue({ kind: target.parent.kind === 'region' ? 'organ' : 'department', sort: 0, active: true });
  }, [target, form]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      if (target?.mode === 'create') {
        const body: OrgUnitCreate = { kind: v.kind, parentId: target.parent.id, name: v.name, sort: v.sort ?? 0 };
        if (v.kind === 'region') Object.assign(body, { regionCode: v.regionCode, regionLevel: v.regionLevel });
        if (v.kind === 'organ') Object.assign(body, { organLevel: v.organLevel, uscc: v.uscc || undefined });
        const created = await api.post<OrgUnit | undefined>('/api/org/units', body);
        return { parentId: target.parent.id, id: created?.id };
      }
      if (!unit) return { parentId: null };
      const body: OrgUnitUpdate = { name: v.name, sort: v.sort, active: v.active };
      if (unit.kind === 'organ') Object.assign(body, { organLevel: v.organLevel, uscc: v.uscc || null });
      const updated = await api.patch<OrgUnit | undefined>(`/api/org/units/${unit.id}`, body);
      return { parentId: unit.parentId, id: unit.id, unit: updated && 'id' in updated ? updated : undefined };
    },
    onSuccess: (r) => onSaved(r.parentId, r.id, 'unit' in r ? r.unit : undefined),
    onError: (e) => {
      if (!applyFieldErrors(form, e)) notifyError(e);
    },
  });

  const submit = (v: Values) => {
    if (unit && unit.active && !v.active) {
      modal.confirm({
        title: t('org.deactivateConfirm', { name: unit.name }),
        content: t('org.deactivateHint'),
        okButtonProps: { danger: true },
        onOk: () => save.mutateAsync(v).catch(() => undefined),
      });
    } else save.mutate(v);
  };

  const required = { required: true, message: t('common.required') };
  const title = target?.mode === 'create' ? t('org.createTitle', { parent: target.parent.name }) : t('org.editTitle', { name: unit?.name ?? '' });
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={size}
      title={title}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="org-save">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form<Values> name="org-unit" form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="kind" label={t('org.kindLabel')} rules={[required]}>
          <Select disabled={!!unit} options={KINDS.map((k) => ({ value: k, label: t(`org.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('org.name')} rules={[required, { max: 100 }]}>
          <Input data-testid="org-name" />
        </Form.Item>
        {kind === 'region' && !unit && (
          <>
            <Form.Item name="regionCode" label={t('org.regionCode')} rules={[required, { pattern: /^\d{6}(\d{3})?$/, message: t('org.regionCodeFormat') }]}>
              <Input inputMode="numeric" maxLength={9} />
            </Form.Item>
            <Form.Item name="regionLevel" label={t('org.regionLevelLabel')} rules={[required]}>
              <Select options={REGION_LEVELS.map((l) => ({ value: l, label: t(`org.regionLevel.${l}`) }))} />
            </Form.Item>
          </>
        )}
        {kind === 'organ' && (
          <>
            <Form.Item name="organLevel" label={t('org.organLevelLabel')} rules={[required]}>
              <Select options={ORGAN_LEVELS.map((l) => ({ value: l, label: t(`org.organLevel.${l}`) }))} />
            </Form.Item>
            <Form.Item name="uscc" label={t('org.uscc')} extra={t('org.usccHint')} rules={[{ len: 18, message: t('org.usccFormat') }]}>
              <Input maxLength={18} style={{ textTransform: 'uppercase' }} />
            </Form.Item>
          </>
        )}
        <Form.Item name="sort" label={t('org.sort')}>
          <InputNumber min={0} max={100000} style={{ width: '100%' }} />
        </Form.Item>
        {unit && (
          <Form.Item name="active" label={t('org.activeLabel')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
