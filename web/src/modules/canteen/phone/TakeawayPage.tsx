import { useCallback, useEffect, useState } from 'react';
import type { TakeawayItem } from '@guanjia/contracts/canteen';
import { api, newKey, yuan } from './api';
import { t } from './i18n';
import { failed, type Notify } from './parts';

/** Pre-order takeaway (buns, dumplings, braised dishes) with a pickup slot, within the stock. */
export function TakeawayPage({ canteenId, notify }: { canteenId: number; notify: Notify }) {
  const [items, setItems] = useState<TakeawayItem[] | null>(null);
  const [qty, setQty] = useState<Record<number, number>>({});
  const [slot, setSlot] = useState<Record<number, string>>({});
  const reload = useCallback(() => api<TakeawayItem[]>('GET', `/api/canteen/my/takeaway?canteenId=${canteenId}`).then(setItems, failed(notify)), [canteenId, notify]);
  useEffect(() => void reload(), [reload]);
  const order = async (i: TakeawayItem) => {
    try {
      await api('POST', '/api/canteen/my/orders', { itemId: i.id, quantity: qty[i.id] ?? 1, slot: slot[i.id] ?? i.slots[0], idempotencyKey: newKey() });
      notify({ text: `${t('m.done')}:${i.name} × ${qty[i.id] ?? 1}` });
      await reload();
    } catch (e) {
      failed(notify)(e);
    }
  };
  if (items && items.length === 0) return <section className="m-section m-muted">{t('m.empty')}</section>;
  return (
    <section className="m-section" data-testid="m-takeaway">
      {(items ?? []).map((i) => (
        <article key={i.id} className="m-card" data-testid={`item-${i.id}`} data-open={i.canOrder && i.remaining > 0}>
          <div className="m-row">
            <div>
              <strong>{i.name}</strong> <span className="m-muted">{yuan(i.priceFen)}/{i.unit}</span>
              <div className="m-muted">{i.day} · {i.remaining > 0 ? t('m.remaining', { n: i.remaining, unit: i.unit }) : t('m.soldOut')} · {i.canOrder ? t('m.orderBy', { time: i.orderCutoff.slice(11) }) : t('m.orderClosed')}</div>
            </div>
          </div>
          <div className="m-row">
            <label className="m-muted">{t('m.quantity')}
              <input className="m-input" style={{ width: 72 }} type="number" min={1} max={50} value={qty[i.id] ?? 1} onChange={(e) => setQty({ ...qty, [i.id]: Math.max(1, Number(e.target.value) || 1) })} />
            </label>
            <label className="m-muted">{t('m.slot')}
              <select className="m-input" value={slot[i.id] ?? i.slots[0]} onChange={(e) => setSlot({ ...slot, [i.id]: e.target.value })}>
                {i.slots.map((s) => <option key={s}>{s}</option>)}
              </select>
            </label>
            <button type="button" className="m-btn" disabled={!i.canOrder || i.remaining <= 0} onClick={() => void order(i)}>{t('m.order')}</button>
          </div>
        </article>
      ))}
    </section>
  );
}
