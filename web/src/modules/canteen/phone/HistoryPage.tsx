import { useCallback, useEffect, useState } from 'react';
import type { Booking, Order, Suggestion } from '@guanjia/contracts/canteen';
import { api, yuan } from './api';
import { t } from './i18n';
import { failed, mealName, type Notify } from './parts';

/** History of bookings and orders; absences (trip/leave) entered once; suggestions. */
/** Today in Shanghai, as the server's days are. */
const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

export function HistoryPage({ canteenId, notify }: { canteenId: number; notify: Notify }) {
  const today = shanghaiToday();
  const [bookings, setBookings] = useState<Booking[]>([]);
  const [orders, setOrders] = useState<Order[]>([]);
  const [absence, setAbsence] = useState({ kind: 'trip', fromDay: '', toDay: '' });
  const [text, setText] = useState('');
  const [mine, setMine] = useState<Suggestion[]>([]);
  const reload = useCallback(() => {
    void api<Suggestion[]>('GET', '/api/canteen/my/suggestions').then(setMine, failed(notify));
    void api<Booking[]>('GET', '/api/canteen/my/bookings').then(setBookings, failed(notify));
    void api<Order[]>('GET', '/api/canteen/my/orders').then(setOrders, failed(notify));
  }, [notify]);
  useEffect(reload, [reload]);
  const away = async () => {
    try {
      const r = await api<{ cancelled: number; keptAfterCutoff: number }>('POST', '/api/canteen/my/absences', absence);
      notify({ text: t('m.absenceDone', { n: r.cancelled, k: r.keptAfterCutoff }) });
      reload();
    } catch (e) {
      failed(notify)(e);
    }
  };
  // A takeaway order can be cancelled until the item's order cutoff (the server says so after it): the stock and the money go back.
  const [cancelling, setCancelling] = useState<number | null>(null);
  const cancelOrder = async (o: Order) => {
    if (cancelling !== null || !confirm(t('m.confirmCancelOrder', { day: o.day, item: o.itemName, n: o.quantity }))) return;
    setCancelling(o.id);
    try {
      await api('POST', `/api/canteen/my/orders/${o.id}/cancel`);
      notify({ text: t('m.orderCancelled', { item: o.itemName }) });
      reload();
    } catch (e) {
      failed(notify)(e);
    } finally {
      setCancelling(null);
    }
  };
  const suggest = async () => {
    try {
      await api('POST', '/api/canteen/my/suggestions', { canteenId, body: text });
      setText('');
      notify({ text: t('m.thanks') });
      reload();
    } catch (e) {
      failed(notify)(e);
    }
  };
  return (
    <section className="m-section" data-testid="m-history">
      <div className="m-card">
        <strong>{t('m.absence')}</strong>
        <select className="m-input" aria-label={t('m.absence')} value={absence.kind} onChange={(e) => setAbsence({ ...absence, kind: e.target.value })}>
          <option value="trip">{t('m.absenceKind.trip')}</option><option value="leave">{t('m.absenceKind.leave')}</option>
        </select>
        <label>{t('m.from')}<input className="m-input" type="date" value={absence.fromDay} onChange={(e) => setAbsence({ ...absence, fromDay: e.target.value })} /></label>
        <label>{t('m.to')}<input className="m-input" type="date" value={absence.toDay} onChange={(e) => setAbsence({ ...absence, toDay: e.target.value })} /></label>
        <button type="button" className="m-btn" disabled={!absence.fromDay || !absence.toDay} onClick={() => void away()}>{t('m.send')}</button>
      </div>
      <div className="m-day">{t('m.bookings')}</div>
      {bookings.length === 0 && <div className="m-card m-muted">{t('m.empty')}</div>}
      {bookings.map((b) => (
        <div key={b.id} className="m-card m-row"><span>{b.day} {mealName(b.meal)} <span className="m-muted">{b.canteenName}</span>
          {b.dishes && b.dishes.length > 0 && <span className="m-muted"><br />{b.dishes.map((d) => `${d.name} × ${d.portions}`).join('、')}</span>}</span><span><span className="m-tag">{t(`m.status.${b.status}`)}</span>{yuan(b.priceFen)}</span></div>
      ))}
      <div className="m-day">{t('m.orders')}</div>
      {orders.length === 0 && <div className="m-card m-muted">{t('m.empty')}</div>}
      {orders.map((o) => (
        <div key={o.id} className="m-card m-row" data-testid={`m-order-${o.id}`}><span>{o.day} {o.itemName} × {o.quantity}</span><span><span className="m-tag">{t(`m.status.${o.status}`)}</span>{yuan(o.amountFen)}
          {o.status === 'ordered' && o.day >= today && (
            <button type="button" className="m-btn danger" disabled={cancelling !== null} onClick={() => void cancelOrder(o)} data-testid={`m-order-cancel-${o.id}`}>{t('m.cancelOrder')}</button>
          )}</span></div>
      ))}
      <div className="m-card">
        <strong>{t('m.suggestion')}</strong>
        <textarea className="m-input" rows={3} placeholder={t('m.suggestionHint')} value={text} onChange={(e) => setText(e.target.value)} />
        <button type="button" className="m-btn" disabled={text.trim().length < 2} onClick={() => void suggest()}>{t('m.send')}</button>
      </div>
      {mine.length > 0 && <div className="m-day">{t('m.mySuggestions')}</div>}
      {mine.map((x) => (
        <div key={x.id} className="m-card" data-testid={`suggestion-${x.id}`}>
          <div>{x.body} <span className="m-muted">{x.at}</span></div>
          {x.reply ? <div className="m-reply">{t('m.reply')}:{x.reply} <span className="m-muted">{x.repliedAt}</span></div> : <div className="m-muted">{t('m.noReply')}</div>}
        </div>
      ))}
    </section>
  );
}
