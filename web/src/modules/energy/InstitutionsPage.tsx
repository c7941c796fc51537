import { useState } from 'react';
import { App, Button, Drawer, Flex, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useCan } from '../../kernel/auth';
import { OrgTreeSelect } from '../../kernel/components/OrgTreeSelect';
import { Page } from '../../kernel/components/PageHeader';
import { applyFieldErrors, useNotifyError } from '../../kernel/errors';
import { useUrlState } from '../../kernel/url-state';
import { energyKey, exportInstitutions, fetchDenominators, fetchInstitutionPage, fmt, registerInstitution, updateInstitution, type Denominator, type Institution } from './api';
import { DenominatorCard } from './DenominatorCard';
import { BasicImportModal } from './ImportModal';

const CATEGORIES = ['organ', 'school', 'hospital', 'other'] as const;
interface RegisterValues { orgUnitId: number; category: Institution['category']; headcount?: number; floorArea?: number; heatedArea?: number }

/** The public-institution register: flag an organ as a public institution, its category, active flag and effective-dated denominators. */
export default function InstitutionsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const url = useUrlState();
  const page = url.getNumber('page') ?? 1;
  const pageSize = url.getNumber('size') ?? 20;
  const q = url.get('q') ?? '';
  const category = url.get('category') ?? undefined;
  const unitId = url.getNumber('unit');
  const [registering, setRegistering] = useState(false);
  const [importing, setImporting] = useState(false);
  const [denominatorsOf, setDenominatorsOf] = useState<Institution | null>(null);
  const [form] = Form.useForm<RegisterValues>();
  const list = useQuery({ queryKey: [...energyKey, 'institution-page', unitId, q, category, page, pageSize], queryFn: () => fetchInstitutionPage({ unitId, q: q || undefined, category, page, pageSize }) });
  const done = async (text: string) => {
    void message.success(text);
    await qc.invalidateQueries({ queryKey: energyKey });
  };
  const register = useMutation({
    mutationFn: (v: RegisterValues) => registerInstitution({
      orgUnitId: v.orgUnitId, category: v.category,
      ...(v.headcount && v.floorArea ? { denominator: { effectiveFrom: dayjs().startOf('year').format('YYYY-MM-DD'), headcount: v.headcount, floorArea: v.floorArea, heatedArea: v.heatedArea ?? 0 } } : {}),
    }),
    onSuccess: async () => {
      setRegistering(false);
      form.resetFields();
      await done(t('energy.registered'));
    },
    onError: (e) => applyFieldErrors(form, e) || notifyError(e),
  });
  const update = useMutation({
    mutationFn: (v: { id: number; category?: Institution['category']; active?: boolean }) => updateInstitution(v.id, { category: v.category, active: v.active }),
    onSuccess: () => done(t('common.saved')),
    onError: notifyError,
  });
  const exporting = useMutation({ mutationFn: () => exportInstitutions({ unitId, q: q || undefined, category }), onError: notifyError });
  const mayManage = can('energy.manage');
  return (
    <Page id="energy-institutions" title={t('energy.nav.institutions')}
      extra={<Space wrap>
        <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="institution-export">{t('energy.exportRegister')}</Button>
        {mayManage && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="institution-import">{t('energy.importBasic')}</Button>}
        {mayManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="institution-register">{t('energy.register')}</Button>}
      </Space>}>
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <div style={{ minWidth: 240 }}><OrgTreeSelect value={unitId} onChange={(v) => url.set({ unit: v, page: undefined })} placeholder={t('energy.region')} /></div>
        <Input.Search allowClear defaultValue={q} placeholder={t('energy.searchName')} style={{ width: 240 }} onSearch={(v) => url.set({ q: v || undefined, page: undefined })} data-testid="institution-search" />
        <Select allowClear placeholder={t('energy.categoryLabel')} style={{ width: 160 }} value={category} onChange={(v) => url.set({ category: v, page: undefined })}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`energy.category.${c}`) }))} />
      </Flex>
      <Table<Institution> rowKey="orgUnitId" size="small" loading={list.isLoading} dataSource={list.data?.items ?? []} scroll={{ x: 1170 }} data-testid="institution-table" locale={{ emptyText: t('energy.noInstitutions') }}
        pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, onChange: (p, s) => url.set({ page: p, size: s }) }}
        columns={[
          { title: t('energy.institution'), dataIndex: 'name' },
          { title: t('energy.uscc'), dataIndex: 'uscc', width: 190, render: (v: string | null) => v ?? '—' },
          { title: t('energy.region'), dataIndex: 'regionName' },
          { title: t('energy.categoryLabel'), dataIndex: 'category', width: 140, render: (c: Institution['category'], r) => mayManage
            ? <Select size="small" value={c} style={{ width: 110 }} onChange={(v) => update.mutate({ id: r.orgUnitId, category: v })} data-testid={`institution-category-${r.orgUnitId}`}
                options={CATEGORIES.map((x) => ({ value: x, label: t(`energy.category.${x}`) }))} />
            : t(`energy.category.${c}`) },
          { title: t('energy.headcount'), render: (_, r) => fmt(r.denominator?.headcount, 0) },
          { title: t('energy.floorArea'), render: (_, r) => fmt(r.denominator?.floorArea) },
          { title: t('energy.effectiveFrom'), render: (_, r) => r.denominator?.effectiveFrom ?? <Tag color="orange">{t('energy.noDenominator')}</Tag> },
          { title: t('energy.activeLabel'), dataIndex: 'active', width: 110, render: (a: boolean, r) => !mayManage ? (a ? t('energy.active') : t('energy.inactive')) : a ? (
            <Popconfirm title={t('energy.deactivateConfirm', { name: r.name })} onConfirm={() => update.mutate({ id: r.orgUnitId, active: false })} okText={t('common.ok')}>
              <Switch size="small" checked data-testid={`institution-active-${r.orgUnitId}`} />
            </Popconfirm>
          ) : <Switch size="small" checked={false} onChange={() => update.mutate({ id: r.orgUnitId, active: true })} data-testid={`institution-active-${r.orgUnitId}`} /> },
          { title: t('common.actions'), width: 120, render: (_, r) => <Button size="small" onClick={() => setDenominatorsOf(r)} data-testid={`institution-denominators-${r.orgUnitId}`}>{t('energy.denominators')}</Button> },
        ]} />
      <Modal open={registering} title={t('energy.register')} onCancel={() => setRegistering(false)} onOk={() => form.submit()} okButtonProps={{ loading: register.isPending }} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('energy.registerHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ category: 'organ' }} onFinish={(v) => register.mutate(v)}>
          <Form.Item name="orgUnitId" label={t('energy.institution')} rules={[{ required: true, message: t('energy.pickUnit') }]}><OrgTreeSelect /></Form.Item>
          <Form.Item name="category" label={t('energy.categoryLabel')} rules={[{ required: true }]}>
            <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`energy.category.${c}`) }))} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="headcount" label={t('energy.headcount')} rules={[{ type: 'number', min: 1, message: t('energy.positive') }]}><InputNumber precision={0} /></Form.Item>
            <Form.Item name="floorArea" label={t('energy.floorArea')} rules={[{ type: 'number', min: 0.01, message: t('energy.positive') }]}><InputNumber /></Form.Item>
            <Form.Item name="heatedArea" label={t('energy.heatedArea')} rules={[{ type: 'number', min: 0, message: t('energy.notNegative') }]}><InputNumber /></Form.Item>
          </Space>
        </Form>
      </Modal>
      <BasicImportModal open={importing} onClose={() => setImporting(false)} />
      <Drawer open={!!denominatorsOf} title={denominatorsOf ? `${denominatorsOf.name} · ${t('energy.denominators')}` : ''} onClose={() => setDenominatorsOf(null)} size="large" destroyOnHidden>
        {denominatorsOf && <DenominatorHistory unitId={denominatorsOf.orgUnitId} />}
      </Drawer>
    </Page>
  );
}

/** Every version of an institution's denominators, newest first, and a form for a new one. */
function DenominatorHistory({ unitId }: { unitId: number }) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: [...energyKey, 'denominators', unitId], queryFn: () => fetchDenominators(unitId) });
  return (
    <>
      <Table<Denominator> rowKey="id" size="small" pagination={false} dataSource={list.data ?? []} data-testid="denominator-history"
        columns={[
          { title: t('energy.effectiveFrom'), dataIndex: 'effectiveFrom' },
          { title: t('energy.headcount'), dataIndex: 'headcount' },
          { title: t('energy.floorArea'), dataIndex: 'floorArea', render: (v: number) => fmt(v) },
          { title: t('energy.heatedArea'), dataIndex: 'heatedArea', render: (v: number) => fmt(v) },
        ]} />
      <DenominatorCard unitId={unitId} />
    </>
  );
}
