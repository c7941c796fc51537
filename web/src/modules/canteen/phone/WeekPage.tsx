import { useCallback, useEffect, useState } from 'react';
import type { MenuMeal } from '@guanjia/contracts/canteen';
import { api, newKey, yuan } from './api';
import { t } from './i18n';
import { failed, mealName, type Notify } from './parts';

const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const addDays = (d: string, n: number) => {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10);
};
const monday = (d: string) => addDays(d, 1 - (new Date(`${d}T00:00:00Z`).getUTCDay() || 7));
const WEEKDAY = { 'zh-CN': ['周一', '周二', '周三', '周四', '周五', '周六', '周日'], en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] };

/** This week's menus: book or cancel each meal before its cutoff; rate the dishes of meals eaten. */
export function WeekPage({ canteenId, notify }: { canteenId: number; notify: Notify }) {
  const [from, setFrom] = useState(monday(shanghaiToday()));
  const [meals, setMeals] = useState<MenuMeal[] | null>(null);
  const [busy, setBusy] = useState(false);
  /** Dishes chosen per meal before booking ('day meal' → dish id → portions). */
  const [choice, setChoice] = useState<Record<string, Record<number, number>>>({});
  const keyOf = (m: MenuMeal) => `${m.day} ${m.meal}`;
  /** The booked meal whose dishes are being changed (改菜), if any. */
  const [editing, setEditing] = useState<string | null>(null);
  const choosing = (m: MenuMeal) => m.dishChoice && (m.canBook || (m.canChangeDishes && editing === keyOf(m)));
  /** Portions this booking already holds of a dish (they count towards what it may keep when changing). */
  const heldOf = (m: MenuMeal, dishId: number) => (editing === keyOf(m) ? m.booking?.dishes.find((x) => x.dishId === dishId)?.portions ?? 0 : 0);
  const portionsOf = (m: MenuMeal, dishId: number) => choice[keyOf(m)]?.[dishId] ?? 0;
  /** At most 5 portions, and never more than the dish's stock left for pre-order. */
  const maxOf = (m: MenuMeal, d: MenuMeal['dishes'][number]) => Math.min(5, d.remaining === null || d.remaining === undefined ? 5 : d.remaining + heldOf(m, d.id));
  const setPortions = (m: MenuMeal, dishId: number, n: number) => setChoice((c) => ({ ...c, [keyOf(m)]: { ...c[keyOf(m)], [dishId]: Math.max(0, Math.min(5, n)) } }));
  /** The meal's price plus the chosen dishes' where the canteen prices per dish. */
  const totalOf = (m: MenuMeal) => m.priceFen + (m.pricePerDish ? m.dishes.reduce((s, d) => s + d.priceFen * portionsOf(m, d.id), 0) : 0);
  const reload = useCallback(() => api<MenuMeal[]>('GET', `/api/canteen/my/week?canteenId=${canteenId}&from=${from}`).then(setMeals, failed(notify)), [canteenId, from, notify]);
  useEffect(() => {
    setMeals(null); // never show last week's meals under this week's dates
    void reload();
  }, [reload]);

  const act = async (fn: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    try {
      await fn();
      notify({ text: ok });
      await reload();
    } catch (e) {
      failed(notify)(e);
    } finally {
      setBusy(false);
    }
  };
  const book = (m: MenuMeal) => {
    const dishes = Object.entries(choice[keyOf(m)] ?? {}).filter(([, n]) => n > 0).map(([id, n]) => ({ dishId: Number(id), portions: n }));
    return act(() => api('POST', '/api/canteen/my/bookings', { canteenId, day: m.day, meal: m.meal, idempotencyKey: newKey(), ...(dishes.length > 0 ? { dishes } : {}) }), `${t('m.booked')}:${m.day} ${mealName(m.meal)}`);
  };
  const startChange = (m: MenuMeal) => {
    setChoice((c) => ({ ...c, [keyOf(m)]: Object.fromEntries((m.booking?.dishes ?? []).map((x) => [x.dishId, x.portions])) }));
    setEditing(keyOf(m));
  };
  const saveChange = (m: MenuMeal) => {
    const dishes = Object.entries(choice[keyOf(m)] ?? {}).filter(([, n]) => n > 0).map(([id, n]) => ({ dishId: Number(id), portions: n }));
    return act(async () => {
      await api('PUT', `/api/canteen/my/bookings/${m.booking!.id}/dishes`, { dishes });
      setEditing(null);
    }, `${t('m.changed')}:${m.day} ${mealName(m.meal)}`);
  };
  const cancel = (m: MenuMeal) => {
    if (!m.booking || !confirm(t('m.confirmCancel', { day: m.day, meal: mealName(m.meal) }))) return;
    void act(() => api('POST', `/api/canteen/my/bookings/${m.booking!.id}/cancel`), t('m.done'));
  };
  const rate = (dishId: number, day: string, stars: number) => void act(() => api('POST', '/api/canteen/my/ratings', { dishId, day, stars }), t('m.thanks'));

  const days = [...new Set((meals ?? []).map((m) => m.day))];
  const lang = document.documentElement.lang === 'en' ? 'en' : 'zh-CN';
  return (
    <section className="m-section" data-testid="m-week">
      <div className="m-row">
        <button type="button" className="m-btn ghost" onClick={() => setFrom(addDays(from, -7))}>{t('m.prevWeek')}</button>
        <span className="m-muted">{from} ~ {addDays(from, 6)}</span>
        <button type="button" className="m-btn ghost" onClick={() => setFrom(addDays(from, 7))}>{t('m.nextWeek')}</button>
      </div>
      {days.map((day, i) => (
        <div key={day}>
          <div className="m-day">{WEEKDAY[lang][i]} {day.slice(5)}</div>
          {meals!.filter((m) => m.day === day).map((m) => (
            <article key={m.meal} className="m-card" data-testid={`meal-${day}-${m.meal}`}>
              <div className="m-row">
                <div>
                  <strong>{mealName(m.meal)}</strong> <span className="m-muted" data-testid={`price-${m.day}-${m.meal}`}>{yuan(choosing(m) ? totalOf(m) : m.booking && m.booking.status !== 'cancelled' ? m.booking.priceFen : m.priceFen)}</span>
                  <div className="m-muted">
                    {!m.open ? <span className="m-tag off">{t('m.closed')}</span>
                      : m.booking ? <span className={`m-tag ${m.booking.status === 'served' ? 'ok' : ''}`}>{t(`m.status.${m.booking.status}`)}</span>
                      : m.canBook ? t('m.bookBy', { time: m.bookBy }) : <span className="m-tag off">{t('m.cutoffPassed')}</span>}
                  </div>
                </div>
                {m.canBook && <button type="button" className="m-btn" disabled={busy} onClick={() => void book(m)}>{t('m.book')}</button>}
                {m.canChangeDishes && editing !== keyOf(m) && <button type="button" className="m-btn ghost" disabled={busy} onClick={() => startChange(m)}>{t('m.changeDishes')}</button>}
                {m.canChangeDishes && editing === keyOf(m) && <button type="button" className="m-btn" disabled={busy} onClick={() => void saveChange(m)}>{t('m.saveDishes')}</button>}
                {m.canChangeDishes && editing === keyOf(m) && <button type="button" className="m-btn ghost" disabled={busy} onClick={() => setEditing(null)}>{t('m.keepDishes')}</button>}
                {m.canCancel && editing !== keyOf(m) && <button type="button" className="m-btn danger" disabled={busy} onClick={() => cancel(m)}>{t('m.cancel')}</button>}
              </div>
              {choosing(m) && m.dishes.length > 0 && <div className="m-muted">{t(m.canBook ? 'm.chooseHint' : 'm.changeHint')}</div>}
              {m.booking && m.booking.dishes.length > 0 && (
                <div className="m-muted" data-testid={`chosen-${m.day}-${m.meal}`}>
                  {t('m.chosen')}:{m.booking.dishes.map((c) => `${m.dishes.find((d) => d.id === c.dishId)?.name ?? ''} × ${c.portions}`).join('、')}
                </div>
              )}
              {m.open && (m.dishes.length === 0 ? <div className="m-muted">{t('m.noMenu')}</div> : (
                <ul className="m-dishes">
                  {m.dishes.map((d) => (
                    <li key={d.id}>
                      <span>{d.photoFileId !== null && <img src={`/api/files/${d.photoFileId}`} width={36} height={36} loading="lazy" alt="" style={{ objectFit: 'cover', borderRadius: 4, verticalAlign: 'middle', marginRight: 6 }} />}{d.name}{m.pricePerDish && <span className="m-muted"> {yuan(d.priceFen)}</span>}{d.allergens.length > 0 && <span className="m-muted"> · {t('m.allergens')} {d.allergens.join('、')}</span>}
                        {choosing(m) && d.remaining !== null && d.remaining !== undefined && <span className={`m-tag ${d.remaining === 0 ? 'off' : ''}`} data-testid={`left-${d.id}`}>{d.remaining === 0 ? t('m.dishSoldOut') : t('m.dishLeft', { n: d.remaining })}</span>}</span>
                      {choosing(m) ? (
                        <span className="m-step" data-testid={`dish-${d.id}`}>
                          <button type="button" aria-label={`${t('m.less')} ${d.name}`} disabled={portionsOf(m, d.id) === 0} onClick={() => setPortions(m, d.id, portionsOf(m, d.id) - 1)}>−</button>
                          <span className="m-count" title={t('m.portionsOf', { name: d.name })}>{portionsOf(m, d.id)}</span>
                          <button type="button" aria-label={`${t('m.more')} ${d.name}`} disabled={portionsOf(m, d.id) >= maxOf(m, d)} onClick={() => setPortions(m, d.id, portionsOf(m, d.id) + 1)}>+</button>
                        </span>
                      ) : m.booking?.status === 'served' ? (
                        <span className="m-stars" aria-label={t('m.rate')}>
                          {[1, 2, 3, 4, 5].map((n) => <button key={n} type="button" aria-label={t('m.stars', { n })} className={d.avgStars !== null && n <= Math.round(d.avgStars) ? 'on' : ''} onClick={() => rate(d.id, m.day, n)}>★</button>)}
                        </span>
                      ) : <span className="m-muted">{d.nutrition.kcal ? `${d.nutrition.kcal} kcal` : ''}</span>}
                    </li>
                  ))}
                </ul>
              ))}
            </article>
          ))}
        </div>
      ))}
    </section>
  );
}
