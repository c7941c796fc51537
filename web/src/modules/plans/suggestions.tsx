import { useState } from 'react';
import { App, Button, Card, Checkbox, Col, Empty, Form, Input, List, Modal, Popconfirm, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import { Page } from '../../kernel/components/PageHeader';
import { useCan } from '../../kernel/auth';
import { applyFieldErrors, useNotifyError } from '../../kernel/errors';
import { formatDate } from '../../kernel/format';
import { useIsMobile } from '../../kernel/responsive';
import { useUrlState } from '../../kernel/url-state';
import { plansApi, plansKey, type Draft, type Suggestion } from './api';

/**
 * After a write here only the calls' own lists change: refetching every plans query (the plan list
 * and trees compute live figures) would queue the answer behind seconds of unrelated work.
 */
const SUGGESTION_KEYS = new Set(['drafts', 'suggestions', 'counts']);
const refreshSuggestions = (qc: QueryClient) => void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] === plansKey[0] && SUGGESTION_KEYS.has(String(q.queryKey[1])) });

const OUTCOME_COLOUR: Record<string, string> = { pending: 'default', adopted: 'green', partly: 'blue', not_adopted: 'orange' };

function AnswerModal({ s, planId, onClose }: { s: Suggestion; planId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ outcome: string; reason: string; itemIds: number[] }>();
  const qc = useQueryClient();
  const notifyError = useNotifyError();
  const items = useQuery({ queryKey: [...plansKey, 'item-options', planId], queryFn: () => plansApi.itemOptions(planId) });
  const save = useMutation({
    mutationFn: (v: { outcome: string; reason: string; itemIds: number[] }) => plansApi.answer(s.id, v),
    onSuccess: () => { refreshSuggestions(qc); onClose(); },
    onError: (e) => { if (!applyFieldErrors(form, e)) notifyError(e); },
  });
  return (
    <Modal open title={t('plans.suggestions.answer')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okButtonProps={{ 'data-testid': 'answer-ok' } as Record<string, string>}>
      <Typography.Paragraph>{s.content}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ outcome: s.outcome === 'pending' ? 'adopted' : s.outcome, reason: s.reason ?? '', itemIds: s.itemIds }}>
        <Form.Item name="outcome" label={t('plans.suggestions.outcome')}>
          <Select data-testid="answer-outcome" options={(['adopted', 'partly', 'not_adopted'] as const).map((o) => ({ value: o, label: t(`plans.suggestions.outcomes.${o}`) }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('plans.suggestions.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input.TextArea rows={3} maxLength={2000} data-testid="answer-reason" /></Form.Item>
        <Form.Item name="itemIds" label={t('plans.suggestions.linked')}>
          <Select mode="multiple" optionFilterProp="label" data-testid="answer-items" loading={items.isLoading} options={(items.data ?? []).filter((i) => i.kind !== 'chapter').map((i) => ({ value: i.id, label: `${i.code ?? ''} ${i.title}` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 征求意见: calls for suggestions on drafts, each suggestion answered with a reason and linked to the items it changed. */
export default function SuggestionsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const mobile = useIsMobile();
  const url = useUrlState();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [answering, setAnswering] = useState<Suggestion | null>(null);
  const [creating, setCreating] = useState(false);
  const [content, setContent] = useState('');
  const drafts = useQuery({ queryKey: [...plansKey, 'drafts'], queryFn: plansApi.drafts });
  const draftId = url.getNumber('draft') ?? drafts.data?.[0]?.id;
  const draft = drafts.data?.find((d) => d.id === draftId);
  const canRead = can('plans.read');
  const list = useQuery({ queryKey: [...plansKey, 'suggestions', draftId], queryFn: () => plansApi.suggestions(draftId!), enabled: Boolean(draftId) && canRead });
  const counts = useQuery({ queryKey: [...plansKey, 'counts', draftId], queryFn: () => plansApi.counts(draftId), enabled: Boolean(draftId) && canRead });
  const plans = useQuery({ queryKey: [...plansKey, 'options'], queryFn: () => plansApi.options(), enabled: creating });
  const refresh = () => refreshSuggestions(qc);
  const suggest = useMutation({ mutationFn: () => plansApi.suggest(draftId!, { content }), onSuccess: () => { setContent(''); void message.success(t('plans.suggestions.thanks')); refresh(); }, onError: notifyError });
  const closeDraft = useMutation({ mutationFn: () => plansApi.closeDraft(draftId!), onSuccess: refresh, onError: notifyError });
  const [draftForm] = Form.useForm<{ planId: number; title: string; publicLink: boolean }>();
  const createDraft = useMutation({ mutationFn: plansApi.createDraft, onSuccess: (r) => { setCreating(false); refresh(); url.set({ draft: r.id }); }, onError: notifyError });

  const draftList = (
    <Card size="small" title={t('plans.suggestions.drafts')} extra={can('plans.answer') && <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="draft-create">{t('plans.suggestions.newDraft')}</Button>}>
      <List<Draft> dataSource={drafts.data ?? []} loading={drafts.isLoading} locale={{ emptyText: <Empty /> }} renderItem={(d) => (
        <List.Item onClick={() => url.set({ draft: d.id })} style={{ cursor: 'pointer', background: d.id === draftId ? 'rgba(22,119,255,0.08)' : undefined, paddingInline: 8 }}>
          <List.Item.Meta title={d.title} description={<Space wrap size={4}><Tag color={d.open ? 'green' : 'default'}>{t(d.open ? 'plans.suggestions.open' : 'plans.suggestions.closed')}</Tag>{t('plans.suggestions.count')} {d.count}</Space>} />
        </List.Item>
      )} />
    </Card>
  );

  const detail = !draft ? <Card><Empty description={t('plans.suggestions.pick')} /></Card> : (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={draft.title} extra={draft.open && can('plans.answer') && (
        <Popconfirm title={t('plans.suggestions.confirmClose')} onConfirm={() => closeDraft.mutate()}><Button size="small" danger data-testid="draft-close">{t('plans.suggestions.close')}</Button></Popconfirm>
      )}>
        {draft.publicToken && draft.open && (
          <Typography.Paragraph copyable={{ text: `${window.location.origin}/p/suggest/${draft.publicToken}` }} data-testid="public-link">
            {t('plans.suggestions.publicUrl')}:<Typography.Link href={`/p/suggest/${draft.publicToken}`} target="_blank" rel="noopener">{`${window.location.origin}/p/suggest/${draft.publicToken}`}</Typography.Link>
          </Typography.Paragraph>
        )}
        {draft.open && (
          <Space.Compact style={{ width: '100%' }}>
            <Input.TextArea value={content} onChange={(e) => setContent(e.target.value)} maxLength={2000} rows={2} placeholder={t('plans.suggestions.content')} data-testid="suggest-content" />
            <Button type="primary" disabled={content.trim().length < 2} loading={suggest.isPending} onClick={() => suggest.mutate()} data-testid="suggest-submit">{t('plans.suggestions.submit')}</Button>
          </Space.Compact>
        )}
        {counts.data && (
          <Row gutter={16} style={{ marginTop: 12 }}>
            <Col xs={12} md={4} data-testid="count-total"><Statistic title={t('plans.suggestions.count')} value={counts.data.total} /></Col>
            {Object.entries(counts.data.byOutcome).map(([k, v]) => <Col xs={12} md={4} key={k} data-testid={`count-${k}`}><Statistic title={t(`plans.suggestions.outcomes.${k}`)} value={v} /></Col>)}
            <Col xs={24} md={8}><Typography.Text type="secondary">{t('plans.suggestions.bySource')}:{Object.entries(counts.data.bySource).map(([k, v]) => `${t(`plans.suggestions.sources.${k}`)} ${v}`).join(' · ')}</Typography.Text></Col>
          </Row>
        )}
      </Card>
      {canRead && (
        <Table<Suggestion> rowKey="id" size="small" data-testid="suggestion-table" loading={list.isLoading} dataSource={list.data ?? []} pagination={{ pageSize: 10 }} scroll={{ x: mobile ? undefined : 800 }} locale={{ emptyText: <Empty description={t('plans.suggestions.empty')} /> }}
          columns={[
            { title: t('plans.suggestions.content'), dataIndex: 'content', key: 'c' },
            ...(mobile ? [] : [
              { title: t('plans.suggestions.source'), key: 's', width: 90, render: (_: unknown, s: Suggestion) => t(`plans.suggestions.sources.${s.source}`) },
              { title: t('plans.suggestions.author'), dataIndex: 'author', key: 'a', width: 120 },
              { title: t('plans.suggestions.reason'), key: 'r', render: (_: unknown, s: Suggestion) => <>{s.reason}{s.itemTitles.map((x) => <Tag key={x}>{x}</Tag>)}</> },
              { title: '', key: 'd', width: 100, render: (_: unknown, s: Suggestion) => formatDate(s.createdAt) },
            ]),
            { title: t('plans.suggestions.outcome'), key: 'o', width: 100, render: (_: unknown, s: Suggestion) => <Tag color={OUTCOME_COLOUR[s.outcome]}>{t(`plans.suggestions.outcomes.${s.outcome}`)}</Tag> },
            ...(can('plans.answer') ? [{ title: '', key: 'x', width: 70, render: (_: unknown, s: Suggestion) => <Button size="small" type="link" onClick={() => setAnswering(s)} data-testid={`answer-${s.id}`}>{t('plans.suggestions.answer')}</Button> }] : []),
          ]} />
      )}
    </Space>
  );

  return (
    <Page id="plans-suggestions" title={t('plans.nav.suggestions')}>
      {mobile ? <Space direction="vertical" style={{ width: '100%' }}>{draftList}{detail}</Space> : (
        <Row gutter={16}><Col span={7}>{draftList}</Col><Col span={17}>{detail}</Col></Row>
      )}
      {answering && draft && <AnswerModal s={answering} planId={draft.planId} onClose={() => setAnswering(null)} />}
      <Modal open={creating} title={t('plans.suggestions.newDraft')} onCancel={() => setCreating(false)} onOk={() => draftForm.submit()} confirmLoading={createDraft.isPending} destroyOnHidden okButtonProps={{ 'data-testid': 'draft-ok' } as Record<string, string>}>
        <Form form={draftForm} layout="vertical" onFinish={(v) => createDraft.mutate(v)} onFinishFailed={() => undefined}>
          <Form.Item name="planId" label={t('plans.suggestions.plan')} rules={[{ required: true, message: t('common.required') }]}>
            <Select data-testid="draft-plan" options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
          </Form.Item>
          <Form.Item name="title" label={t('plans.suggestions.title')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={200} data-testid="draft-title" /></Form.Item>
          <Form.Item name="publicLink" valuePropName="checked"><Checkbox data-testid="draft-public">{t('plans.suggestions.publicLink')}</Checkbox></Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
