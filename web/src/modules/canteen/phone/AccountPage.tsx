import { useCallback, useEffect, useState } from 'react';
import type { LedgerLine, Payment } from '@guanjia/contracts/canteen';
import { api, newKey, yuan } from './api';
import { t } from './i18n';
import { failed, memoText, type Notify } from './parts';

/** Meal account: balance, top-up through the payment provider, statement. */
export function AccountPage({ canteenId, notify }: { canteenId: number; notify: Notify }) {
  const [data, setData] = useState<{ account: { balanceFen: number; overdraftFen: number }; lines: LedgerLine[] } | null>(null);
  const [amount, setAmount] = useState('100');
  const [pending, setPending] = useState<Payment | null>(null);
  const reload = useCallback(() => api<typeof data>('GET', '/api/canteen/my/account').then(setData, failed(notify)), [notify]);
  useEffect(() => void reload(), [reload]);
  const start = async () => {
    const fen = Math.round(Number(amount) * 100);
    try {
      setPending(await api<Payment>('POST', '/api/canteen/my/topups', { provider: 'testbank', canteenId, amountFen: fen, idempotencyKey: newKey() }));
    } catch (e) {
      failed(notify)(e);
    }
  };
  const pay = async () => {
    try {
      await api('POST', `/api/canteen/my/topups/${pending!.id}/testbank-pay`);
      setPending(null);
      notify({ text: t('m.paid') });
      await reload();
    } catch (e) {
      failed(notify)(e);
    }
  };
  return (
    <section className="m-section" data-testid="m-account">
      <div className="m-card">
        <div className="m-muted">{t('m.balance')}</div>
        <div className="m-big" data-testid="balance">{data ? yuan(data.account.balanceFen) : '…'}</div>
      </div>
      <div className="m-card">
        {pending ? (
          <div data-testid="testbank-page">
            <strong>{t('m.payTitle')}</strong>
            <button type="button" className="m-btn" style={{ width: '100%', marginTop: 8 }} onClick={() => void pay()}>{t('m.payConfirm', { amount: (pending.amountFen / 100).toFixed(2) })}</button>
          </div>
        ) : (
          <>
            <label>{t('m.topUpAmount')}<input className="m-input" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} /></label>
            <button type="button" className="m-btn" style={{ width: '100%' }} onClick={() => void start()}>{t('m.topUp')}</button>
          </>
        )}
      </div>
      <div className="m-day">{t('m.ledger')}</div>
      {(data?.lines ?? []).map((l) => (
        <div key={l.id} className="m-card m-row">
          <div><div>{t(`m.kind.${l.kind}`)} <span className="m-muted">{memoText(l.memo)}</span></div><div className="m-muted">{l.at}</div></div>
          <div style={{ textAlign: 'right' }}><div style={{ color: l.amountFen > 0 ? '#389e0d' : '#1f1f1f' }}>{l.amountFen > 0 ? '+' : ''}{yuan(l.amountFen)}</div><div className="m-muted">{l.balanceAfterFen !== null ? yuan(l.balanceAfterFen) : ''}</div></div>
        </div>
      ))}
    </section>
  );
}
