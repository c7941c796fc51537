import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, InputNumber, List, Row, Segmented, Select, Table, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Canteen, Meal, PickupResult, PrepSheet, Suggestion, WasteRow } from '@guanjia/contracts/canteen';
import { CameraScanner } from './CameraScanner';
import { api } from '../../../kernel/api';
import { useNotifyError } from '../../../kernel/errors';
import { Page } from '../../../kernel/components/PageHeader';

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

// On paper only the preparation sheet: no side menu, header, breadcrumb, filters or other cards.
const PRINT_CSS = `@media print {
  .ant-layout-sider, .ant-layout-header, .ant-breadcrumb, .no-print { display: none !important; }
  .ant-layout-content { margin: 0 !important; padding: 0 !important; }
  .prep-sheet-col { flex: 0 0 100% !important; max-width: 100% !important; }
  .prep-sheet-col .ant-card { border: none !important; box-shadow: none !important; }
}`;

/** 后厨: the printable preparation sheet per meal, pickup verification, served counts and waste entry. */
export default function KitchenPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const canteens = useQuery({ queryKey: ['canteen', 'canteens'], queryFn: () => api.get<Canteen[]>('/api/canteen/canteens') });
  const [picked, setPicked] = useState<number | undefined>();
  const canteenId = picked ?? canteens.data?.[0]?.id;
  // A link may name the meal: /canteen/kitchen?day=2026-12-01&meal=dinner.
  const [day, setDay] = useState(() => {
    const d = new URLSearchParams(window.location.search).get('day');
    return d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : dayjs().format('YYYY-MM-DD');
  });
  const [meal, setMeal] = useState<Meal>(() => {
    const m = new URLSearchParams(window.location.search).get('meal');
    return m === 'breakfast' || m === 'dinner' ? m : 'lunch';
  });
  const sheet = useQuery({
    queryKey: ['canteen', 'sheet', canteenId, day, meal],
    queryFn: () => api.get<PrepSheet>('/api/canteen/kitchen/sheet', { canteenId, day, meal }),
    enabled: canteenId !== undefined,
  });
  const [code, setCode] = useState('');
  const pickup = useMutation({
    mutationFn: (value: string) => api.post<PickupResult>('/api/canteen/kitchen/pickup', { canteenId, code: value }),
    onSuccess: (r) => {
      void message.success(t('canteen.kitchen.verified', { name: r.name, what: r.what in { breakfast: 1, lunch: 1, dinner: 1 } ? t(`canteen.meal.${r.what}`) : r.what }));
      setCode('');
      void sheet.refetch();
    },
    onError: notifyError,
  });
  const weekAgo = dayjs(day).subtract(13, 'day').format('YYYY-MM-DD');
  const wasteList = useQuery({
    queryKey: ['canteen', 'waste', canteenId, day],
    queryFn: () => api.get<WasteRow[]>('/api/canteen/waste', { from: weekAgo, to: day, canteenId }),
    enabled: canteenId !== undefined,
  });
  const suggestions = useQuery({ queryKey: ['canteen', 'suggestions', day], queryFn: () => api.get<Suggestion[]>('/api/canteen/suggestions', { from: dayjs(day).subtract(30, 'day').format('YYYY-MM-DD'), to: day }) });
  const [replyTo, setReplyTo] = useState<number | null>(null);
  const [replyText, setReplyText] = useState('');
  const reply = useMutation({
    mutationFn: () => api.post(`/api/canteen/suggestions/${replyTo}/reply`, { reply: replyText }),
    onSuccess: () => {
      void message.success(t('canteen.kitchen.replySent'));
      setReplyTo(null);
      setReplyText('');
      void suggestions.refetch();
    },
    onError: notifyError,
  });
  const [form] = Form.useForm();
  const waste = useMutation({
    mutationFn: (v: Record<string, number | undefined>) => api.put('/api/canteen/kitchen/meal-service', { canteenId, day, meal, ...v }),
    onSuccess: () => {
      void message.success(t('canteen.kitchen.saved'));
      void sheet.refetch();
      void wasteList.refetch();
    },
    onError: notifyError,
  });
  const kg = (v: number | null) => (v === null ? '—' : v.toFixed(3));
  const s = sheet.data;
  return (
    <Page id="canteen-kitchen" title={t('canteen.kitchen.title')} extra={<Button className="no-print" icon={<PrinterOutlined />} onClick={() => window.print()}>{t('canteen.kitchen.print')}</Button>}>
      <style>{PRINT_CSS}</style>
      <Card size="small" className="no-print" style={{ marginBottom: 12 }}>
        <Row gutter={[12, 12]} align="middle">
          <Col><Select aria-label={t('canteen.kitchen.canteen')} style={{ minWidth: 200 }} value={canteenId} options={(canteens.data ?? []).map((c) => ({ value: c.id, label: c.name }))} onChange={setPicked} /></Col>
          <Col><DatePicker aria-label={t('canteen.kitchen.day')} value={dayjs(day)} allowClear={false} onChange={(d) => d && setDay(d.format('YYYY-MM-DD'))} /></Col>
          <Col><Segmented<Meal> value={meal} onChange={setMeal} options={(['breakfast', 'lunch', 'dinner'] as const).map((m) => ({ value: m, label: t(`canteen.meal.${m}`) }))} /></Col>
        </Row>
      </Card>
      {!s ? <Empty description={t('canteen.kitchen.noSheet')} /> : (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={16} className="prep-sheet-col">
            <Card title={`${s.canteenName} · ${s.day} · ${t(`canteen.meal.${s.meal}`)}`} size="small" data-testid="prep-sheet">
              <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }} items={[
                { key: 'b', label: t('canteen.kitchen.booked'), children: <strong data-testid="sheet-booked">{s.booked}</strong> },
                { key: 'e', label: t('canteen.kitchen.expected'), children: s.forecast.expectedDiners },
                { key: 'p', label: t('canteen.kitchen.portions'), children: <strong data-testid="sheet-portions">{s.forecast.portions}</strong> },
                { key: 'n', label: t('canteen.kitchen.noShowRate'), children: pct(s.forecast.noShowRate) },
                { key: 'w', label: t('canteen.kitchen.walkIns'), children: s.forecast.walkIns },
                { key: 's', label: t('canteen.kitchen.surplusShare'), children: pct(s.forecast.surplusShare) },
                { key: 'v', label: t('canteen.kitchen.served'), children: <span data-testid="sheet-served">{s.served}</span> },
                { key: 'h', label: t('canteen.kitchen.basis'), children: t('canteen.kitchen.history', { n: s.forecast.historyMeals }) },
              ]} />
              <Typography.Text type="secondary" data-testid="sheet-no-choice">{t('canteen.kitchen.noChoice', { n: s.bookedWithoutChoice })}</Typography.Text>
              <Table size="small" rowKey="dishId" pagination={false} style={{ marginTop: 8 }} title={() => t('canteen.kitchen.dishes')} dataSource={s.dishes} columns={[
                { title: t('canteen.kitchen.dish'), dataIndex: 'name' },
                { title: t('canteen.kitchen.category'), dataIndex: 'category', render: (c: string) => <Tag>{t(`canteen.kitchen.cat.${c}`)}</Tag> },
                { title: t('canteen.kitchen.preordered'), dataIndex: 'preordered', align: 'right' },
                { title: t('canteen.kitchen.dishPortions'), dataIndex: 'portions', align: 'right', render: (n: number) => <strong>{n}</strong> },
              ]} />
              <Table size="small" rowKey="itemId" pagination={false} style={{ marginTop: 8 }} title={() => t('canteen.kitchen.takeaway')} dataSource={s.takeaway} columns={[
                { title: t('canteen.kitchen.item'), dataIndex: 'name' },
                { title: t('canteen.kitchen.ordered'), render: (_: unknown, r: PrepSheet['takeaway'][number]) => `${r.ordered} ${r.unit}`, align: 'right' },
                { title: t('canteen.kitchen.stock'), dataIndex: 'stock', align: 'right' },
                { title: t('canteen.kitchen.bySlot'), render: (_: unknown, r: PrepSheet['takeaway'][number]) => Object.entries(r.bySlot).map(([k, v]) => `${k}: ${v}`).join(';') },
              ]} />
            </Card>
          </Col>
          <Col xs={24} lg={8} className="no-print">
            <Card title={t('canteen.kitchen.pickup')} size="small" style={{ marginBottom: 12 }}>
              <Input.Search aria-label={t('canteen.kitchen.pickupHint')} placeholder={t('canteen.kitchen.pickupHint')} value={code} onChange={(e) => setCode(e.target.value)} enterButton={t('canteen.kitchen.verify')} loading={pickup.isPending} onSearch={() => code.trim() && pickup.mutate(code)} />
              <CameraScanner onCode={(c) => {
                setCode(c);
                pickup.mutate(c);
              }} />
            </Card>
            <Card title={t('canteen.kitchen.waste')} size="small">
              <Form form={form} layout="vertical" onFinish={(v: Record<string, number | undefined>) => waste.mutate(v)}>
                <Form.Item name="walkIns" label={t('canteen.kitchen.walkInsActual')}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item>
                <Form.Item name="prepSurplusKg" label={t('canteen.kitchen.prepSurplusKg')}><InputNumber min={0} precision={3} style={{ width: '100%' }} /></Form.Item>
                <Form.Item name="unservedKg" label={t('canteen.kitchen.unservedKg')}><InputNumber min={0} precision={3} style={{ width: '100%' }} /></Form.Item>
                <Form.Item name="plateKg" label={t('canteen.kitchen.plateKg')}><InputNumber min={0} precision={3} style={{ width: '100%' }} /></Form.Item>
                <Button type="primary" htmlType="submit" loading={waste.isPending}>{t('canteen.kitchen.save')}</Button>
              </Form>
            </Card>
          </Col>
          <Col xs={24} lg={16} className="no-print">
            <Card size="small" title={t('canteen.kitchen.wasteRecords')}>
              <Table<WasteRow> size="small" rowKey={(r) => `${r.day}-${r.meal}`} dataSource={wasteList.data} pagination={{ pageSize: 10 }} columns={[
                { title: t('canteen.kitchen.day'), dataIndex: 'day' },
                { title: t('canteen.kitchen.meal'), dataIndex: 'meal', render: (m: string) => t(`canteen.meal.${m}`) },
                { title: t('canteen.kitchen.served'), dataIndex: 'served', align: 'right' },
                { title: t('canteen.kitchen.prepSurplusKg'), dataIndex: 'prepSurplusKg', align: 'right', render: kg },
                { title: t('canteen.kitchen.unservedKg'), dataIndex: 'unservedKg', align: 'right', render: kg },
                { title: t('canteen.kitchen.plateKg'), dataIndex: 'plateKg', align: 'right', render: kg },
                { title: t('canteen.bureau.wastePerMeal'), dataIndex: 'gramsPerMeal', align: 'right', render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
              ]} />
            </Card>
          </Col>
          <Col xs={24} lg={8} className="no-print">
            <Card size="small" title={t('canteen.kitchen.suggestions')}>
              <List size="small" dataSource={suggestions.data ?? []} locale={{ emptyText: t('canteen.kitchen.noSuggestions') }} renderItem={(x) => (
                <List.Item data-testid={`kitchen-suggestion-${x.id}`}>
                  <div style={{ width: '100%' }}>
                    <div>{x.body} <Typography.Text type="secondary">{x.at} · {x.canteenName}</Typography.Text></div>
                    {x.reply ? <Typography.Text type="success">{t('canteen.kitchen.replied')}:{x.reply}</Typography.Text>
                      : replyTo === x.id ? (
                        <div style={{ marginTop: 6 }}>
                          <Input.TextArea aria-label={t('canteen.kitchen.reply')} placeholder={t('canteen.kitchen.replyHint')} rows={2} maxLength={500} value={replyText} onChange={(e) => setReplyText(e.target.value)} />
                          <Button size="small" type="primary" style={{ marginTop: 4 }} disabled={replyText.trim().length < 2} loading={reply.isPending} onClick={() => reply.mutate()}>{t('canteen.kitchen.reply')}</Button>
                        </div>
                      ) : <Button size="small" type="link" style={{ padding: 0 }} onClick={() => { setReplyTo(x.id); setReplyText(''); }}>{t('canteen.kitchen.reply')}</Button>}
                  </div>
                </List.Item>
              )} />
            </Card>
          </Col>
        </Row>
      )}
    </Page>
  );
}
