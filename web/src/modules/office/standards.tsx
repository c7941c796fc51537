import { useMemo, useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../kernel/auth';
import { useNotifyError } from '../../kernel/errors';
import { Page } from '../../kernel/components/PageHeader';
import { DownloadOutlined } from '@ant-design/icons';
import { addServiceStandardVersion, addStandardVersion, exportServiceStandards, exportStandards, fetchServiceStandards, fetchStandards, officeKey } from './office-api';

const LEVELS = ['central', 'provincial', 'prefectural', 'county', 'township'] as const;
interface ServiceForm { source: string; effectiveFrom: dayjs.Dayjs; levels?: Record<string, { minM2: number | null; maxM2: number | null } | undefined> }
const range = (v: { minM2: number | null; maxM2: number }) => (v.minM2 === null ? `≤ ${v.maxM2}` : `${v.minM2}–${v.maxM2}`);
const RANKS = ['head', 'deputy_head', 'bureau_chief', 'deputy_bureau_chief', 'division_chief', 'deputy_division_chief', 'section_chief', 'deputy_section_chief', 'staff'] as const;

/** 面积标准: the table in force (level × rank, m² per person, washroom), its versions, and a new version. */
export default function StandardsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ source: string; effectiveFrom: dayjs.Dayjs; cells: Record<string, number | null> }>();
  const data = useQuery({ queryKey: [...officeKey, 'standards'], queryFn: () => fetchStandards() });
  const cell = useMemo(() => new Map((data.data?.current ?? []).map((c) => [`${c.organLevel}|${c.rankCode}`, c])), [data.data]);
  const save = useMutation({
    mutationFn: (v: { source: string; effectiveFrom: dayjs.Dayjs; cells: Record<string, number | null> }) => addStandardVersion({
      source: v.source, effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
      rows: Object.entries(v.cells).filter(([, a]) => a !== null && a !== undefined).map(([k, a]) => { const [organLevel, rankCode] = k.split('|'); return { organLevel, rankCode, areaM2: a, washroomM2: cell.get(k)?.washroomM2 ?? 0 }; }),
    }),
    onSuccess: () => { void message.success(t('common.saved')); setEditing(false); void qc.invalidateQueries({ queryKey: officeKey }); },
    onError: notifyError,
  });
  const rows = RANKS.map((rank) => ({ rank, ...Object.fromEntries(LEVELS.map((l) => [l, cell.get(`${l}|${rank}`)])) }));
  const service = useQuery({ queryKey: [...officeKey, 'service-standards'], queryFn: fetchServiceStandards });
  // Every organ level, with the figure in force or none (the source gives none for that level: shown, not invented).
  const serviceNow = LEVELS.map((organLevel) => ({ organLevel, current: service.data?.current.find((c) => c.organLevel === organLevel) }));
  const [serviceEditing, setServiceEditing] = useState(false);
  const [serviceForm] = Form.useForm<ServiceForm>();
  const saveService = useMutation({
    mutationFn: (v: ServiceForm) => addServiceStandardVersion({
      source: v.source, effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
      rows: LEVELS.flatMap((organLevel) => {
        const x = v.levels?.[organLevel];
        const old = serviceNow.find((c) => c.organLevel === organLevel)?.current;
        // A level left blank, or unchanged, keeps the figure it has.
        if (!x || x.maxM2 === null || x.maxM2 === undefined || (old && old.maxM2 === x.maxM2 && (old.minM2 ?? null) === (x.minM2 ?? null))) return [];
        return [{ organLevel, minM2: x.minM2 ?? null, maxM2: x.maxM2 }];
      }),
    }),
    onSuccess: () => { void message.success(t('common.saved')); setServiceEditing(false); void qc.invalidateQueries({ queryKey: officeKey }); },
    onError: notifyError,
  });
  return (
    <Page id="office-standards" title={t('office.nav.standards')}
      extra={<>
        <Button icon={<DownloadOutlined />} onClick={() => exportStandards().catch(notifyError)} data-testid="standard-export">{t('common.export')}</Button>
        {can('office.standards') && <Button type="primary" onClick={() => { form.setFieldsValue({ cells: Object.fromEntries([...cell.entries()].map(([k, v]) => [k, v.areaM2])) }); setEditing(true); }} data-testid="standard-new">{t('office.newVersion')}</Button>}
      </>}>
      <Typography.Paragraph type="secondary">{t('office.standardIntro')}</Typography.Paragraph>
      <Table rowKey="rank" size="small" pagination={false} dataSource={rows} loading={data.isFetching} scroll={{ x: 'max-content' }} data-testid="standard-table"
        columns={[
          { title: t('office.rank'), dataIndex: 'rank', render: (r: string) => t(`office.rankName.${r}`) },
          ...LEVELS.map((l) => ({ title: t(`office.level.${l}`), dataIndex: l, render: (c?: { areaM2: number; washroomM2: number }) => (c ? `${c.areaM2}${c.washroomM2 ? ` (+${t('office.washroomShort', { n: c.washroomM2 })})` : ''}` : '—') })),
        ]} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('office.versions')}</Typography.Title>
      <Table rowKey={(v) => `${v.effectiveFrom}${v.source}`} size="small" pagination={false} scroll={{ x: 'max-content' }} dataSource={data.data?.versions}
        columns={[{ title: t('office.effectiveFrom'), dataIndex: 'effectiveFrom' }, { title: t('office.source'), dataIndex: 'source' }, { title: t('office.cells'), dataIndex: 'rows' }]} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('office.serviceStandard')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('office.serviceStandardIntro')}</Typography.Paragraph>
      <Button style={{ marginBottom: 8, marginRight: 8 }} icon={<DownloadOutlined />} onClick={() => exportServiceStandards().catch(notifyError)} data-testid="service-standard-export">{t('common.export')}</Button>
      {can('office.standards') && (
        <Button style={{ marginBottom: 8 }} onClick={() => { serviceForm.setFieldsValue({ levels: Object.fromEntries(serviceNow.map((v) => [v.organLevel, { minM2: v.current?.minM2 ?? null, maxM2: v.current?.maxM2 ?? null }])) }); setServiceEditing(true); }} data-testid="service-standard-new">
          {t('office.newServiceVersion')}
        </Button>
      )}
      <Table rowKey="organLevel" size="small" pagination={false} dataSource={serviceNow} loading={service.isFetching} data-testid="service-standard-current" scroll={{ x: 'max-content' }}
        columns={[
          { title: t('office.organLevel'), dataIndex: 'organLevel', render: (l: string) => t(`office.level.${l}`) },
          { title: t('office.perHead'), key: 'r', render: (_, v) => (v.current ? range(v.current) : <Typography.Text type="warning">{t('office.serviceNoFigure')}</Typography.Text>) },
          { title: t('office.effectiveFrom'), key: 'e', render: (_, v) => v.current?.effectiveFrom ?? '—' },
          { title: t('office.source'), key: 's', render: (_, v) => v.current?.source ?? t('office.serviceNoSource') },
        ]} />
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>{t('office.versions')}</Typography.Text>
      <Table rowKey={(v) => `${v.organLevel}${v.effectiveFrom}`} size="small" pagination={false} dataSource={service.data?.versions} data-testid="service-standard-table" scroll={{ x: 'max-content' }}
        columns={[
          { title: t('office.organLevel'), dataIndex: 'organLevel', render: (l: string) => t(`office.level.${l}`) },
          { title: t('office.perHead'), key: 'r', render: (_, v) => range(v) },
          { title: t('office.effectiveFrom'), dataIndex: 'effectiveFrom' },
          { title: t('office.source'), dataIndex: 'source' },
        ]} />
      <Modal open={serviceEditing} width={640} title={t('office.newServiceVersion')} onCancel={() => setServiceEditing(false)} onOk={() => serviceForm.submit()} confirmLoading={saveService.isPending} destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('office.newServiceIntro')}</Typography.Paragraph>
        <Form form={serviceForm} layout="vertical" onFinish={(v) => saveService.mutate(v)} data-testid="service-standard-form">
          <Form.Item name="source" label={t('office.source')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="effectiveFrom" label={t('office.effectiveFrom')} rules={[{ required: true, message: t('common.required') }]}><DatePicker /></Form.Item>
          <Table rowKey="organLevel" size="small" pagination={false} dataSource={serviceNow} scroll={{ x: 'max-content' }}
            columns={[
              { title: t('office.organLevel'), dataIndex: 'organLevel', render: (l: string) => t(`office.level.${l}`) },
              { title: t('office.minPerHead'), key: 'min', render: (_, v) => <Form.Item name={['levels', v.organLevel, 'minM2']} noStyle><InputNumber min={0.5} max={50} step={0.5} style={{ width: 90 }} data-testid={`service-min-${v.organLevel}`} /></Form.Item> },
              { title: t('office.maxPerHead'), key: 'max', render: (_, v) => <Form.Item name={['levels', v.organLevel, 'maxM2']} noStyle><InputNumber min={0.5} max={50} step={0.5} style={{ width: 90 }} data-testid={`service-max-${v.organLevel}`} /></Form.Item> },
            ]} />
        </Form>
      </Modal>
      <Modal open={editing} width={900} title={t('office.newVersion')} onCancel={() => setEditing(false)} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="source" label={t('office.source')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="effectiveFrom" label={t('office.effectiveFrom')} rules={[{ required: true, message: t('common.required') }]}><DatePicker /></Form.Item>
          <Table rowKey="rank" size="small" pagination={false} dataSource={rows} scroll={{ x: 'max-content' }}
            columns={[
              { title: t('office.rank'), dataIndex: 'rank', render: (r: string) => t(`office.rankName.${r}`) },
              ...LEVELS.map((l) => ({ title: t(`office.level.${l}`), key: l, render: (_: unknown, r: { rank: string }) => (
                <Form.Item name={['cells', `${l}|${r.rank}`]} noStyle><InputNumber min={1} max={200} style={{ width: 80 }} /></Form.Item>
              ) })),
            ]} />
        </Form>
      </Modal>
    </Page>
  );
}
