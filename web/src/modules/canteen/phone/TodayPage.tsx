import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import type { Booking, Order } from '@guanjia/contracts/canteen';
import { api } from './api';
import { t } from './i18n';
import { mealName } from './parts';

function Qr({ code }: { code: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => void QRCode.toDataURL(`GJC:${code}`, { width: 220, margin: 1 }).then(setSrc), [code]);
  return src ? <img className="m-qr" src={src} width={220} height={220} alt={code} /> : <div className="m-qr" />;
}

/** Today's pickup codes as QR: what the counter scans (or types). */
export function TodayPage() {
  const [data, setData] = useState<{ day: string; bookings: Booking[]; orders: Order[] } | null>(null);
  useEffect(() => void api<{ day: string; bookings: Booking[]; orders: Order[] }>('GET', '/api/canteen/my/today').then(setData), []);
  if (!data) return null;
  const codes = [
    ...data.bookings.map((b) => ({ code: b.pickupCode, label: `${b.canteenName} ${mealName(b.meal)}`, status: b.status })),
    ...data.orders.map((o) => ({ code: o.pickupCode, label: `${o.itemName} × ${o.quantity} · ${o.slot}`, status: o.status })),
  ];
  return (
    <section className="m-section" data-testid="m-today">
      {codes.length === 0 && <div className="m-card m-muted">{t('m.noCodes')}</div>}
      {codes.map((c) => (
        <article key={c.code} className="m-card">
          <div className="m-row"><strong>{c.label}</strong><span className="m-tag">{t(`m.status.${c.status}`)}</span></div>
          {c.status === 'booked' || c.status === 'ordered' ? <Qr code={c.code} /> : null}
          <div className="m-code" data-testid="pickup-code">{c.code}</div>
          <div className="m-muted" style={{ textAlign: 'center' }}>{t('m.showCode')}</div>
        </article>
      ))}
    </section>
  );
}
