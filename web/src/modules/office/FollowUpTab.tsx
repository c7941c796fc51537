import { useState } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../kernel/auth';
import { useNotifyError } from '../../kernel/errors';
import { exportWorksPlan, fetchLeases, fetchProjects, fetchWorksPlan, officeKey, recordLease, recordProject, updateProject, updateWorks, type Lease, type Project, type WorksItem } from './office-api';
import { exportList } from './office-api';
import { DownloadOutlined } from '@ant-design/icons';
import { m2, todayIso } from './labels';
import { CompletionModal } from './CompletionModal';
import { Link } from 'react-router';

/** Amounts are kept in fen; shown in yuan. */
export const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
const PROJECT_COLOR = { planned: 'blue', under_construction: 'orange', completed: 'green' } as const;
const WORKS = ['planned', 'in_progress', 'completed'] as const;

/** 租建与大修: leases signed and projects built after allocation decisions, and the bureau's works plan of major repairs. */
export function FollowUpTab() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const thisYear = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [progress, setProgress] = useState<Project | null>(null);
  const [completing, setCompleting] = useState<Project | null>(null);
  const [form] = Form.useForm<{ status: Project['status']; startedOn?: dayjs.Dayjs; completedOn?: dayjs.Dayjs }>();
  const status = Form.useWatch('status', form);
  const leases = useQuery({ queryKey: [...officeKey, 'leases'], queryFn: fetchLeases });
  const projects = useQuery({ queryKey: [...officeKey, 'projects'], queryFn: fetchProjects });
  const works = useQuery({ queryKey: [...officeKey, 'works', year], queryFn: () => fetchWorksPlan(year) });
  const ok = () => { void message.success(t('common.saved')); void qc.invalidateQueries({ queryKey: officeKey }); };
  const saveProgress = useMutation({
    mutationFn: (v: { status: Project['status']; startedOn?: dayjs.Dayjs; completedOn?: dayjs.Dayjs }) =>
      updateProject(progress!.id, { status: v.status, startedOn: v.startedOn?.format('YYYY-MM-DD') ?? null, completedOn: v.completedOn?.format('YYYY-MM-DD') ?? null }),
    onSuccess: () => { setProgress(null); ok(); },
    onError: notifyError,
  });
  const setWorks = useMutation({ mutationFn: (v: { id: number; status: string }) => updateWorks(v.id, v.status), onSuccess: ok, onError: notifyError });
  const supervise = can('office.supervise');
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center" wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('office.leasesTitle')}</Typography.Title>
        <Button size="small" icon={<DownloadOutlined />} onClick={() => exportList('leases').catch(notifyError)} data-testid="lease-export">{t('common.export')}</Button>
      </Flex>
      <Table<Lease> rowKey="id" size="middle" loading={leases.isFetching} dataSource={leases.data} pagination={false} scroll={{ x: 'max-content' }} data-testid="lease-table"
        locale={{ emptyText: t('office.leasesEmpty') }}
        columns={[
          { title: t('office.organ'), dataIndex: 'orgUnitName' },
          { title: t('office.lessor'), dataIndex: 'lessor' },
          { title: t('office.address'), dataIndex: 'address' },
          { title: t('office.leaseArea'), dataIndex: 'area', render: (v: number) => m2(v) },
          { title: t('office.leaseTerm'), key: 'term', render: (_, l) => `${l.startOn} – ${l.endOn}` },
          { title: t('office.annualRent'), dataIndex: 'annualRentFen', render: (v: number) => yuan(v) },
          { title: t('common.status'), dataIndex: 'status', render: (s: Lease['status']) => <Tag>{t(`office.leaseStatus.${s}`)}</Tag> },
        ]} />
      <Flex gap={8} align="center" wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('office.projectsTitle')}</Typography.Title>
        <Button size="small" icon={<DownloadOutlined />} onClick={() => exportList('projects').catch(notifyError)} data-testid="project-export">{t('common.export')}</Button>
      </Flex>
      <Table<Project> rowKey="id" size="middle" loading={projects.isFetching} dataSource={projects.data} pagination={false} scroll={{ x: 'max-content' }} data-testid="project-table"
        locale={{ emptyText: t('office.projectsEmpty') }}
        columns={[
          { title: t('office.projectName'), dataIndex: 'name' },
          { title: t('office.organ'), dataIndex: 'orgUnitName' },
          { title: t('office.leaseArea'), dataIndex: 'area', render: (v: number) => m2(v) },
          { title: t('office.budget'), dataIndex: 'budgetFen', render: (v: number) => yuan(v) },
          { title: t('common.status'), dataIndex: 'status', render: (s: Project['status']) => <Tag color={PROJECT_COLOR[s]} data-testid="project-status">{t(`office.projectStatus.${s}`)}</Tag> },
          { title: t('office.startedOn'), dataIndex: 'startedOn', render: (v: string | null) => v ?? '—' },
          { title: t('office.completedOn'), dataIndex: 'completedOn', render: (v: string | null) => v ?? '—' },
          { title: t('office.building'), key: 'b', render: (_: unknown, p: Project) => (p.buildingId !== null
            ? <Link to={`/office/building-history?id=${p.buildingId}`} data-testid={`project-building-${p.id}`}>{t('office.completedEntered', { name: p.buildingName, count: p.rooms })}</Link> : '—') },
          ...(supervise ? [{ title: t('common.actions'), key: 'a', render: (_: unknown, p: Project) => p.buildingId === null && (
            <Flex gap={6}>
              {p.status !== 'completed' && (
                <Button size="small" onClick={() => { form.setFieldsValue({ status: p.status, startedOn: p.startedOn ? dayjs(p.startedOn) : undefined, completedOn: undefined }); setProgress(p); }} data-testid={`project-progress-${p.id}`}>
                  {t('office.projectProgress')}
                </Button>
              )}
              <Button size="small" type="primary" onClick={() => setCompleting(p)} data-testid={`project-complete-${p.id}`}>{t('office.completeProject')}</Button>
            </Flex>
          ) }] : []),
        ]} />
      <Flex gap={8} align="center" wrap style={{ marginTop: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('office.worksTitle')}</Typography.Title>
        <Select value={year} onChange={setYear} style={{ width: 110 }} options={Array.from({ length: 7 }, (_, i) => thisYear - 3 + i).map((y) => ({ value: y, label: String(y) }))} data-testid="works-year" />
        <Button onClick={() => exportWorksPlan(year).catch(notifyError)} data-testid="works-export">{t('common.export')}</Button>
        {works.data && <Typography.Text data-testid="works-total">{t('office.worksTotal', { count: works.data.items.length, total: yuan(works.data.totalFen) })}</Typography.Text>}
      </Flex>
      <Typography.Text type="secondary">{t('office.worksIntro')}</Typography.Text>
      <Table<WorksItem> rowKey="id" size="middle" loading={works.isFetching} dataSource={works.data?.items} pagination={false} scroll={{ x: 'max-content' }} data-testid="works-table"
        locale={{ emptyText: t('office.worksEmpty') }}
        columns={[
          { title: t('office.organ'), dataIndex: 'orgUnitName' },
          { title: t('office.room'), key: 'room', render: (_, w) => `${w.buildingName} ${w.roomNumber}` },
          { title: t('office.worksContent'), dataIndex: 'reason' },
          { title: t('office.estimatedCost'), dataIndex: 'estimatedCostFen', render: (v: number | null) => (v === null ? t('office.notEstimated') : yuan(v)) },
          { title: t('office.decidedOn'), dataIndex: 'decidedOn' },
          { title: t('common.status'), dataIndex: 'status', render: (s: WorksItem['status'], w) => (supervise
            ? <Select size="small" value={s} style={{ width: 110 }} onChange={(v) => setWorks.mutate({ id: w.id, status: v })} options={WORKS.map((x) => ({ value: x, label: t(`office.worksStatus.${x}`) }))} data-testid={`works-status-${w.id}`} />
            : t(`office.worksStatus.${s}`)) },
        ]} />
      <CompletionModal project={completing} onClose={() => setCompleting(null)} />
      <Modal open={progress !== null} title={t('office.projectProgress')} onCancel={() => setProgress(null)} onOk={() => form.submit()} confirmLoading={saveProgress.isPending} destroyOnHidden
        okButtonProps={{ 'data-testid': 'project-progress-ok' } as Record<string, string>}>
        <Form form={form} layout="vertical" onFinish={(v) => saveProgress.mutate(v)}>
          <Form.Item name="status" label={t('common.status')} rules={[{ required: true }]}>
            <Select options={(['planned', 'under_construction', 'completed'] as const).map((s) => ({ value: s, label: t(`office.projectStatus.${s}`) }))} data-testid="project-status-select" />
          </Form.Item>
          {status !== 'planned' && (
            <Form.Item name="startedOn" label={t('office.startedOn')} rules={[{ required: true, message: t('common.required') }]}><DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item>
          )}
          {status === 'completed' && (
            <Form.Item name="completedOn" label={t('office.completedOn')} rules={[{ required: true, message: t('common.required') }]}><DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item>
          )}
        </Form>
      </Modal>
    </Flex>
  );
}

/** The bureau records the lease or the construction project that follows an allocation decided as lease / build. */
export function FollowUpModal({ request, onClose }: { request: { id: number; path: 'lease' | 'build'; neededArea: number | null } | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Record<string, unknown>>();
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>): Promise<unknown> => {
      if (request!.path === 'lease') {
        const [start, end] = v.term as [dayjs.Dayjs, dayjs.Dayjs];
        return recordLease(request!.id, { lessor: v.lessor, address: v.address, area: v.area, startOn: start.format('YYYY-MM-DD'), endOn: end.format('YYYY-MM-DD'), annualRentFen: Math.round(Number(v.rent) * 100) });
      }
      return recordProject(request!.id, { name: v.name, area: v.area, budgetFen: Math.round(Number(v.budget) * 100) });
    },
    onSuccess: () => { void message.success(t('common.saved')); onClose(); void qc.invalidateQueries({ queryKey: officeKey }); },
    onError: notifyError,
  });
  const lease = request?.path === 'lease';
  const req = { required: true, message: t('common.required') };
  return (
    <Modal open={request !== null} title={t(lease ? 'office.recordLease' : 'office.recordProject')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden
      okButtonProps={{ 'data-testid': 'follow-up-ok' } as Record<string, string>}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ area: request?.neededArea ?? undefined }} onFinish={(v) => save.mutate(v)} data-testid="follow-up-form">
        {lease ? (
          <>
            <Form.Item name="lessor" label={t('office.lessor')} rules={[req]}><Input maxLength={100} data-testid="lease-lessor" /></Form.Item>
            <Form.Item name="address" label={t('office.address')} rules={[req]}><Input maxLength={200} data-testid="lease-address" /></Form.Item>
            <Form.Item name="area" label={t('office.leaseArea')} rules={[req]}><InputNumber min={1} max={50000} style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="term" label={t('office.leaseTerm')} rules={[req]}><DatePicker.RangePicker data-testid="lease-term" /></Form.Item>
            <Form.Item name="rent" label={t('office.annualRentYuan')} rules={[req]}><InputNumber min={0} max={1_000_000_000} precision={2} style={{ width: '100%' }} data-testid="lease-rent" /></Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="name" label={t('office.projectName')} rules={[req]}><Input maxLength={100} data-testid="project-name" /></Form.Item>
            <Form.Item name="area" label={t('office.leaseArea')} rules={[req]}><InputNumber min={1} max={500000} style={{ width: '100%' }} /></Form.Item>
            <Form.Item name="budget" label={t('office.budgetYuan')} rules={[req]}><InputNumber min={0} max={10_000_000_000} precision={2} style={{ width: '100%' }} data-testid="project-budget" /></Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
