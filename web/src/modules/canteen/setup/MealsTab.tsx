import { App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, List, Popconfirm, Select, Space, TimePicker } from 'antd';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { Canteen } from '@guanjia/contracts/canteen';
import { api } from '../../../kernel/api';
import { useNotifyError } from '../../../kernel/errors';
import { fenToYuan, yuanToFen } from './index';

type Period = Canteen['meals'][number];
type Cat = Canteen['categories'][number];
const hm = (s: string) => dayjs(s, 'HH:mm');

/** Meal periods with their cutoffs (Asia/Shanghai), diner categories with prices, closed days. */
export function MealsTab({ canteen, onSaved }: { canteen: Canteen; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const done = () => {
    void message.success(t('canteen.setup.saved'));
    onSaved();
  };
  const [meals] = Form.useForm<{ meals: (Omit<Period, 'startsAt' | 'endsAt' | 'bookCutoff' | 'cancelCutoff'> & Record<'startsAt' | 'endsAt' | 'bookCutoff' | 'cancelCutoff', Dayjs>)[] }>();
  const saveMeals = useMutation({
    mutationFn: (v: Awaited<ReturnType<typeof meals.validateFields>>) => api.put(`/api/canteen/canteens/${canteen.id}/meals`, v.meals.map((m) => ({
      meal: m.meal, bookDaysBefore: m.bookDaysBefore, cancelDaysBefore: m.cancelDaysBefore,
      startsAt: m.startsAt.format('HH:mm'), endsAt: m.endsAt.format('HH:mm'), bookCutoff: m.bookCutoff.format('HH:mm'), cancelCutoff: m.cancelCutoff.format('HH:mm'),
    }))),
    onSuccess: done, onError: notifyError,
  });
  const [cats] = Form.useForm<{ cats: (Omit<Cat, 'breakfastFen' | 'lunchFen' | 'dinnerFen' | 'monthlySubsidyFen'> & Record<'b' | 'l' | 'd' | 's', number>)[] }>();
  const saveCats = useMutation({
    mutationFn: (v: Awaited<ReturnType<typeof cats.validateFields>>) => api.put(`/api/canteen/canteens/${canteen.id}/categories`, v.cats.map((c) => ({
      code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, isDefault: c.isDefault, breakfastFen: yuanToFen(c.b), lunchFen: yuanToFen(c.l), dinnerFen: yuanToFen(c.d), monthlySubsidyFen: yuanToFen(c.s),
    }))),
    onSuccess: done, onError: notifyError,
  });
  const [hol] = Form.useForm<{ day: Dayjs; name: string }>();
  const addHoliday = useMutation({
    mutationFn: (v: { day: Dayjs; name: string }) => api.post(`/api/canteen/canteens/${canteen.id}/holidays`, { day: v.day.format('YYYY-MM-DD'), name: v.name }),
    onSuccess: () => {
      hol.resetFields();
      done();
    },
    onError: notifyError,
  });
  const removeHoliday = (day: string) => api.delete(`/api/canteen/canteens/${canteen.id}/holidays/${day}`).then(done, notifyError);
  const n = (name: (string | number)[], label: string, max = 14) => <Form.Item name={name} label={label}><InputNumber min={0} max={max} precision={0} style={{ width: 90 }} /></Form.Item>;
  const tm = (name: (string | number)[], label: string) => <Form.Item name={name} label={label}><TimePicker format="HH:mm" allowClear={false} /></Form.Item>;
  const money = (name: (string | number)[], label: string) => <Form.Item name={name} label={label}><InputNumber min={0} max={100000} precision={2} style={{ width: 100 }} /></Form.Item>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('canteen.setup.meals')}>
        <Form form={meals} layout="vertical" onFinish={(v) => saveMeals.mutate(v)} initialValues={{ meals: canteen.meals.map((m) => ({ ...m, startsAt: hm(m.startsAt), endsAt: hm(m.endsAt), bookCutoff: hm(m.bookCutoff), cancelCutoff: hm(m.cancelCutoff) })) }}>
          <Form.List name="meals">{(fields) => fields.map((f) => (
            <Space key={f.key} wrap align="end">
              <Form.Item name={[f.name, 'meal']} label={t('canteen.setup.meal')}><Select style={{ width: 90 }} disabled options={['breakfast', 'lunch', 'dinner'].map((m) => ({ value: m, label: t(`canteen.meal.${m}`) }))} /></Form.Item>
              {tm([f.name, 'startsAt'], t('canteen.setup.startsAt'))}{tm([f.name, 'endsAt'], t('canteen.setup.endsAt'))}
              {n([f.name, 'bookDaysBefore'], t('canteen.setup.bookDaysBefore'))}{tm([f.name, 'bookCutoff'], t('canteen.setup.bookCutoff'))}
              {n([f.name, 'cancelDaysBefore'], t('canteen.setup.cancelDaysBefore'))}{tm([f.name, 'cancelCutoff'], t('canteen.setup.cancelCutoff'))}
            </Space>
          ))}</Form.List>
          <div><Button type="primary" htmlType="submit" loading={saveMeals.isPending}>{t('canteen.setup.saveMeals')}</Button></div>
        </Form>
      </Card>
      <Card size="small" title={t('canteen.setup.categoryName')}>
        <Form form={cats} layout="vertical" onFinish={(v) => saveCats.mutate(v)} initialValues={{ cats: canteen.categories.map((c) => ({ ...c, b: fenToYuan(c.breakfastFen), l: fenToYuan(c.lunchFen), d: fenToYuan(c.dinnerFen), s: fenToYuan(c.monthlySubsidyFen) })) }}>
          <Form.List name="cats">{(fields) => fields.map((f) => (
            <Space key={f.key} wrap align="end">
              <Form.Item name={[f.name, 'code']} hidden><Input /></Form.Item>
              <Form.Item name={[f.name, 'nameZh']} label={t('canteen.setup.categoryName')} rules={[{ required: true }]}><Input style={{ width: 120 }} /></Form.Item>
              <Form.Item name={[f.name, 'nameEn']} label="English" rules={[{ required: true }]}><Input style={{ width: 100 }} /></Form.Item>
              {money([f.name, 'b'], t('canteen.setup.breakfast'))}{money([f.name, 'l'], t('canteen.setup.lunch'))}{money([f.name, 'd'], t('canteen.setup.dinner'))}{money([f.name, 's'], t('canteen.setup.subsidy'))}
              <Form.Item name={[f.name, 'isDefault']} valuePropName="checked" label={t('canteen.setup.isDefault')}><Checkbox /></Form.Item>
            </Space>
          ))}</Form.List>
          <div><Button type="primary" htmlType="submit" loading={saveCats.isPending}>{t('canteen.setup.saveCategories')}</Button></div>
        </Form>
      </Card>
      <Card size="small" title={t('canteen.setup.holidays')}>
        <Form form={hol} layout="inline" onFinish={(v) => addHoliday.mutate(v)}>
          <Form.Item name="day" rules={[{ required: true }]}><DatePicker aria-label={t('canteen.setup.day')} /></Form.Item>
          <Form.Item name="name" rules={[{ required: true, max: 30 }]}><Input placeholder={t('canteen.setup.holidayName')} /></Form.Item>
          <Button htmlType="submit" loading={addHoliday.isPending}>{t('canteen.setup.addHoliday')}</Button>
        </Form>
        <List size="small" dataSource={canteen.holidays} renderItem={(h) => (
          <List.Item actions={[<Popconfirm key="x" title={t('canteen.setup.confirmRemoveHoliday', { day: h.day })} onConfirm={() => void removeHoliday(h.day)}><Button size="small" danger>{t('canteen.setup.removeHoliday')}</Button></Popconfirm>]}>
            {h.day} {h.name}
          </List.Item>
        )} />
      </Card>
    </Space>
  );
}
