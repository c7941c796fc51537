import { useState } from 'react';
import { Alert, App, Button, Drawer, Flex, Form, Input, InputNumber, Modal, Select, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../kernel/auth';
import { useNotifyError } from '../../kernel/errors';
import { OrgTreeSelect } from '../../kernel/components/OrgTreeSelect';
import { createRequest, fetchRequests, fetchRooms, fetchSuggestions, officeKey, proposeRoom, type AllocationPath, type OfficeRequest, type Suggestion } from './office-api';
import { exportList } from './office-api';
import { DownloadOutlined } from '@ant-design/icons';
import { m2, todayIso } from './labels';
import { FollowUpModal } from './FollowUpTab';

const METHODS = { repair: ['routine', 'major'], disposal: ['reassign', 'change_use', 'swap', 'lease_out', 'auction', 'demolish'] } as const;
const STATUS_COLOR = { pending: 'blue', approved: 'green', rejected: 'red', returned: 'orange' } as const;
type Kind = 'allocation' | 'repair' | 'disposal';

/** 分配 / 维修 / 处置 requests through approvals; the reviewer sees vacant rooms that fit (调剂 first). */
export function RequestsTab() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [creating, setCreating] = useState<Kind | null>(null);
  const [reviewing, setReviewing] = useState<OfficeRequest | null>(null);
  const [form] = Form.useForm<{ orgUnitId: number; neededArea?: number; headcount?: number; roomId?: number; method?: string; reason: string; cost?: number; planYear?: number }>();
  const organ = Form.useWatch('orgUnitId', form);
  const method = Form.useWatch('method', form);
  const [giveRoomId, setGiveRoomId] = useState<number | null>(null);
  const [following, setFollowing] = useState<{ id: number; path: 'lease' | 'build'; neededArea: number | null } | null>(null);
  const list = useQuery({ queryKey: [...officeKey, 'requests'], queryFn: () => fetchRequests() });
  const rooms = useQuery({ queryKey: [...officeKey, 'req-rooms', organ], queryFn: () => fetchRooms({ orgUnitId: organ }, 1, 200), enabled: Boolean(organ) && creating !== 'allocation' && creating !== null });
  const suggestions = useQuery({ queryKey: [...officeKey, 'suggest', reviewing?.id], queryFn: () => fetchSuggestions(reviewing!.id), enabled: reviewing !== null });
  const create = useMutation({
    mutationFn: ({ cost, ...v }: { cost?: number } & Record<string, unknown>) => createRequest({ ...v, kind: creating, estimatedCostFen: cost === undefined || cost === null ? null : Math.round(cost * 100) }),
    onSuccess: () => { void message.success(t('office.requestSubmitted')); setCreating(null); void qc.invalidateQueries({ queryKey: officeKey }); },
    onError: notifyError,
  });
  const propose = useMutation({
    mutationFn: (v: { path: AllocationPath; roomId: number | null; giveRoomId?: number | null }) => proposeRoom(reviewing!.id, v.path, v.roomId, v.giveRoomId ?? null),
    onSuccess: (_, v) => { void message.success(t('office.proposed')); setReviewing((r) => (r ? { ...r, path: v.path, roomId: v.roomId, giveRoomId: v.giveRoomId ?? null } : r)); void qc.invalidateQueries({ queryKey: officeKey }); },
    onError: notifyError,
  });
  const offer = suggestions.data;
  const roomTable = (path: 'reassign' | 'swap', data: Suggestion[], testId: string) => (
    <Table<Suggestion> rowKey="id" size="small" loading={suggestions.isFetching} dataSource={data} pagination={false} data-testid={testId} scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('office.noSuggestions') }}
      columns={[
        { title: t('office.room'), key: 'r', render: (_, s) => `${s.buildingName} ${s.number}` },
        { title: t('office.floor'), dataIndex: 'floorLevel' },
        { title: t('office.usableArea'), dataIndex: 'usableArea', render: (v: number) => m2(v) },
        { title: t('office.keeper'), key: 'k', render: (_, s) => (path === 'swap' ? <>{s.keeper}<br /><Typography.Text type="secondary">{t('office.keeperSurplus', { over: s.keeperOverArea ?? 0, idle: s.keeperIdleArea ?? 0 })}</Typography.Text></> : s.keeper) },
        { title: t('common.actions'), key: 'a', render: (_, s) => {
          const chosen = reviewing?.roomId === s.id && reviewing.path === path;
          return (
            <Flex gap={4} wrap>
              <Button size="small" type={chosen ? 'primary' : 'default'} onClick={() => propose.mutate({ path, roomId: s.id })} data-testid={`propose-${s.id}`}>
                {chosen ? t('office.proposedRoom') : `${t('office.propose')}(${t(`office.allocPath.${path}`)})`}
              </Button>
              {path === 'swap' && (
                <Button size="small" type={reviewing?.roomId === s.id && reviewing.path === 'exchange' ? 'primary' : 'default'} disabled={giveRoomId === null}
                  onClick={() => propose.mutate({ path: 'exchange', roomId: s.id, giveRoomId })} data-testid={`exchange-${s.id}`}>
                  {t('office.allocPath.exchange')}
                </Button>
              )}
            </Flex>
          );
        } },
      ]} />
  );
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap>
        {can('office.request') && (['allocation', 'repair', 'disposal'] as const).map((k) => (
          <Button key={k} onClick={() => { form.resetFields(); setCreating(k); }} data-testid={`request-new-${k}`}>{t(`office.newRequest.${k}`)}</Button>
        ))}
        <Button icon={<DownloadOutlined />} onClick={() => exportList('requests').catch(notifyError)} data-testid="request-export">{t('common.export')}</Button>
      </Flex>
      <Table<OfficeRequest> rowKey="id" size="middle" loading={list.isFetching} dataSource={list.data} scroll={{ x: 'max-content' }} data-testid="request-table"
        locale={{ emptyText: t('office.requestEmpty') }}
        columns={[
          { title: t('office.requestKind'), dataIndex: 'kind', render: (k: Kind) => t(`office.requestKinds.${k}`) },
          { title: t('office.organ'), dataIndex: 'orgUnitName', ellipsis: true },
          { title: t('office.reason'), dataIndex: 'reason', ellipsis: true },
          { title: t('office.neededArea'), key: 'need', render: (_, r) => (r.kind === 'allocation' ? `${m2(r.neededArea)} / ${t('office.peopleShort', { count: r.headcount ?? 0 })}` : '—') },
          { title: t('office.room'), dataIndex: 'roomNumber', render: (v: string | null) => v ?? '—' },
          // An allocation's decided path (调剂 / 置换 …), a repair's or disposal's method (日常维修 / 大中修 …).
          { title: t('office.methodLabel'), key: 'method', render: (_, r) => (r.path ? <Tag data-testid="request-path">{t(`office.allocPath.${r.path}`)}</Tag>
            : r.method ? <span data-testid="request-method-cell">{t(`office.method.${r.method}`)}</span> : '—') },
          { title: t('common.status'), dataIndex: 'status', render: (s: OfficeRequest['status']) => <Tag color={STATUS_COLOR[s]}>{t(`office.requestStatus.${s}`)}</Tag> },
          { title: t('common.actions'), key: 'a', render: (_, r) => (
            <Flex gap={8} wrap>
              {r.kind === 'allocation' && r.status === 'pending' && can('office.supervise') && <Button size="small" onClick={() => setReviewing(r)} data-testid={`request-suggest-${r.id}`}>{t('office.suggestRooms')}</Button>}
              {r.approvalId && <Link to={`/approvals?id=${r.approvalId}`}>{t('office.viewApproval')}</Link>}
              {r.certificateNo && <Link to={`/office/certificate?id=${r.id}`} data-testid={`request-certificate-${r.id}`}>{t('office.certificate')}</Link>}
              {r.status === 'approved' && (r.path === 'lease' || r.path === 'build') && !r.leaseId && !r.projectId && can('office.supervise') && (
                <Button size="small" type="primary" ghost onClick={() => setFollowing({ id: r.id, path: r.path as 'lease' | 'build', neededArea: r.neededArea })} data-testid={`request-follow-${r.id}`}>
                  {t(r.path === 'lease' ? 'office.recordLease' : 'office.recordProject')}
                </Button>
              )}
              {(r.leaseId || r.projectId) && <Link to="/office/cases?tab=followup">{t(r.leaseId ? 'office.leaseRecorded' : 'office.projectRecorded')}</Link>}
            </Flex>
          ) },
        ]} />
      <Modal open={creating !== null} title={creating ? t(`office.newRequest.${creating}`) : ''} onCancel={() => setCreating(null)} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'request-form-ok' } as Record<string, string>}>
        <Form form={form} layout="vertical" preserve={false} onFinish={(v) => create.mutate(v)} data-testid="request-form">
          <Form.Item name="orgUnitId" label={t('office.organ')} rules={[{ required: true, message: t('common.required') }]}><OrgTreeSelect /></Form.Item>
          {creating === 'allocation' ? (
            <>
              <Form.Item name="neededArea" label={t('office.neededArea')} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={1} max={5000} style={{ width: '100%' }} data-testid="request-area" /></Form.Item>
              <Form.Item name="headcount" label={t('office.headcount')} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={1} max={500} style={{ width: '100%' }} data-testid="request-headcount" /></Form.Item>
            </>
          ) : creating && (
            <>
              <Form.Item name="roomId" label={t('office.room')} rules={[{ required: true, message: t('common.required') }]}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={(rooms.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.buildingName} ${r.number}` }))} />
              </Form.Item>
              <Form.Item name="method" label={t('office.methodLabel')} rules={[{ required: true, message: t('common.required') }]}>
                <Select options={METHODS[creating].map((m) => ({ value: m, label: t(`office.method.${m}`) }))} data-testid="request-method" />
              </Form.Item>
              {creating === 'repair' && (
                <Form.Item name="cost" label={t('office.estimatedCostYuan')} rules={[{ required: method === 'major', message: t('common.required') }]} extra={method === 'major' ? t('office.majorIntoPlan') : undefined}>
                  <InputNumber min={0} max={1_000_000_000} precision={2} style={{ width: '100%' }} data-testid="request-cost" />
                </Form.Item>
              )}
              {creating === 'repair' && method === 'major' && (
                <Form.Item name="planYear" label={t('office.planYear')} initialValue={Number(todayIso().slice(0, 4))}>
                  <InputNumber min={2000} max={2100} style={{ width: '100%' }} data-testid="request-plan-year" />
                </Form.Item>
              )}
            </>
          )}
          <Form.Item name="reason" label={t('office.reason')} rules={[{ required: true, message: t('common.required') }]}><Input.TextArea rows={3} maxLength={500} data-testid="request-reason" /></Form.Item>
        </Form>
      </Modal>
      <FollowUpModal request={following} onClose={() => setFollowing(null)} />
      <Drawer open={reviewing !== null} onClose={() => setReviewing(null)} size="large" title={t('office.suggestRooms')} destroyOnHidden>
        <p>{t('office.suggestIntro', { area: reviewing?.neededArea ?? 0, count: reviewing?.headcount ?? 0 })}</p>
        {offer && (
          <Alert style={{ marginBottom: 12 }} type={offer.recommended === 'reassign' ? 'success' : 'warning'} showIcon data-testid="suggestion-recommended"
            title={t('office.recommended', { path: t(`office.allocPath.${offer.recommended}`) })} description={t(`office.recommendedWhy.${offer.recommended}`)} />
        )}
        {reviewing?.path && <p data-testid="suggestion-chosen"><Tag color="blue">{t('office.pathChosen', { path: t(`office.allocPath.${reviewing.path}`) })}</Tag></p>}
        <Typography.Title level={5}>{t('office.reassignTitle')}</Typography.Title>
        {roomTable('reassign', offer?.reassign ?? [], 'suggestion-table')}
        {offer && offer.reassign.length === 0 && (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>{t('office.swapTitle')}</Typography.Title>
            <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
              <Typography.Text>{t('office.giveRoom')}</Typography.Text>
              <Select allowClear style={{ minWidth: 220 }} value={giveRoomId} onChange={(v) => setGiveRoomId(v ?? null)} placeholder={t('office.giveRoomNone')} data-testid="give-room"
                options={offer.give.map((g) => ({ value: g.id, label: `${g.buildingName} ${g.number} · ${m2(g.usableArea)}` }))} />
            </Flex>
            {roomTable('swap', offer.swap, 'swap-table')}
          </>
        )}
        <Flex gap={8} style={{ marginTop: 16 }} wrap>
          {(['lease', 'build'] as const).map((p) => (
            <Button key={p} type={reviewing?.path === p ? 'primary' : 'default'} onClick={() => propose.mutate({ path: p, roomId: null })} data-testid={`choose-${p}`}>
              {t(p === 'lease' ? 'office.chooseLease' : 'office.chooseBuild')}
            </Button>
          ))}
        </Flex>
      </Drawer>
    </Flex>
  );
}
