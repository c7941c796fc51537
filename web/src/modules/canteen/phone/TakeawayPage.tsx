import { useCallback, useEffect, useState } from 'react';
import type { TakeawayItem } from '@guanjia/contracts/canteen';
import { api, newKey, yuan } from './api';
import { t } from './i18n';
import { failed, type Notify } from './parts';

/** The contract's largest quantity per order. */
const MAX_QUANTITY = 50;

/** A whole number of portions from 1 to `max`, or null (0, −2, 0.5, empty, text). */
function wholeQuantity(text: string, max: number): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= 1 && n <= max ? n : null;
}

/** Pre-order takeaway (buns, dumplings, braised dishes) with a pickup slot, within the stock. */
export function TakeawayPage({ canteenId, notify }: { canteenId: number; notify: Notify }) {
  const [items, setItems] = useState<TakeawayItem[] | null>(null);
  // What the person typed, as typed: an invalid quantity is refused, never rounded or clamped to 1.
  const [qty, setQty] = useState<Record<number, string>>({});
  const [slot, setSlot] = useState<Record<number, string>>({});
  const reload = useCallback(() => api<TakeawayItem[]>('GET', `/api/canteen/my/takeaway?canteenId=${canteenId}`).then(setItems, failed(notify)), [canteenId, notify]);
  useEffect(() => void reload(), [reload]);
  const order = async (i: TakeawayItem, quantity: number) => {
    try {
      await api('POST', '/api/canteen/my/orders', { itemId: i.id, quantity, slot: slot[i.id] ?? i.slots[0], idempotencyKey: newKey() });
      notify({ text: `${t('m.done')}:${i.name} × ${quantity}` });
      await reload();
    } catch (e) {
      failed(notify)(e);
    }
  };
  if (items && items.length === 0) return <section className="m-section m-muted">{t('m.empty')}</section>;
  return (
    <section className="m-section" data-testid="m-takeaway">
      {(items ?? []).map((i) => {
        const max = Math.min(i.remaining, MAX_QUANTITY);
        const quantity = wholeQuantity(qty[i.id] ?? '1', max);
        const open = i.canOrder && i.remaining > 0;
        return (
          <article key={i.id} className="m-card" data-testid={`item-${i.id}`} data-open={open}>
            <div className="m-row">
              <div>
                <strong>{i.name}</strong> <span className="m-muted">{yuan(i.priceFen)}/{i.unit}</span>
                <div className="m-muted">{i.day} · {i.remaining > 0 ? t('m.remaining', { n: i.remaining, unit: i.unit }) : t('m.soldOut')} · {i.canOrder ? t('m.orderBy', { time: i.orderCutoff.slice(11) }) : t('m.orderClosed')}</div>
              </div>
            </div>
            <div className="m-row">
              <label className="m-muted">{t('m.quantity')}
                <input className="m-input" style={{ width: 72 }} type="number" inputMode="numeric" min={1} max={max} step={1} aria-invalid={open && quantity === null} value={qty[i.id] ?? '1'} onChange={(e) => setQty({ ...qty, [i.id]: e.target.value })} />
              </label>
              <label className="m-muted">{t('m.slot')}
                <select className="m-input" value={slot[i.id] ?? i.slots[0]} onChange={(e) => setSlot({ ...slot, [i.id]: e.target.value })}>
                  {i.slots.map((s) => <option key={s}>{s}</option>)}
                </select>
              </label>
              <button type="button" className="m-btn" disabled={!open || quantity === null} onClick={() => quantity !== null && void order(i, quantity)}>{t('m.order')}</button>
            </div>
            {open && quantity === null && <div className="m-invalid" role="alert">{t('m.quantityInvalid', { max, unit: i.unit })}</div>}
          </article>
        );
      })}
    </section>
  );
}
