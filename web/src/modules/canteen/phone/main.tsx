import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { api, HttpError, lang, setCsrf, setOnWriteOk } from './api';
import { t } from './i18n';
import { Login, Msg, type Flash } from './parts';
import { WeekPage } from './WeekPage';
import { TakeawayPage } from './TakeawayPage';
import { TodayPage } from './TodayPage';
import { AccountPage } from './AccountPage';
import { HistoryPage } from './HistoryPage';
import './phone.css';

type Tab = 'week' | 'takeaway' | 'today' | 'account' | 'history';
const TABS: Tab[] = ['week', 'takeaway', 'today', 'account', 'history'];
interface MyCanteen { id: number; name: string; chargeMode: string }

/** The staff phone pages (/m): one column, bottom tabs, the most frequent actions first. */
function PhoneApp() {
  const [state, setState] = useState<'loading' | 'login' | 'ready'>('loading');
  const [canteens, setCanteens] = useState<MyCanteen[]>([]);
  const [canteenId, setCanteenId] = useState<number | null>(null);
  const initial = (location.pathname.split('/')[2] ?? 'week') as Tab;
  const [tab, setTab] = useState<Tab>(TABS.includes(initial) ? initial : 'week');
  const [flash, setFlash] = useState<Flash | null>(null);

  const load = useCallback(async () => {
    try {
      const me = await api<{ csrfToken: string }>('GET', '/api/auth/me');
      setCsrf(me.csrfToken);
      const list = await api<MyCanteen[]>('GET', '/api/canteen/my/canteens');
      setCanteens(list);
      setCanteenId(list[0]?.id ?? null);
      setState('ready');
    } catch (e) {
      if (e instanceof HttpError && e.status === 401) setState('login');
      else setFlash({ text: (e as Error).message, error: true });
    }
  }, []);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (!flash) return;
    const h = setTimeout(() => setFlash(null), 3500);
    return () => clearTimeout(h);
  }, [flash]);

  const go = (x: Tab) => {
    setTab(x);
    history.replaceState(null, '', x === 'week' ? '/m' : `/m/${x}`);
  };
  // Stable, so the pages' loaders do not run again whenever a message shows or goes.
  const notify = useCallback((f: Flash) => setFlash(f), []);
  // A successful change takes an earlier error away (it no longer applies and would cover the page).
  useEffect(() => setOnWriteOk(() => setFlash((f) => (f?.error ? null : f))), []);

  if (state === 'loading') return <div className="m-section m-muted">…</div>;
  if (state === 'login') return <Login onDone={() => void load()} />;
  return (
    <div className="m-app" data-testid="m-app">
      <header className="m-top">
        <h1>{t('m.title')}</h1>
        {canteens.length > 1 && (
          <select aria-label="canteen" value={canteenId ?? ''} onChange={(e) => setCanteenId(Number(e.target.value))}>
            {canteens.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        )}
        {canteens.length === 1 && <span className="m-muted" style={{ color: '#fff' }}>{canteens[0]!.name}</span>}
      </header>
      {flash && <Msg flash={flash} onClose={() => setFlash(null)} />}
      {canteenId === null ? <div className="m-section m-muted">{t('m.noCanteen')}</div> : (
        <main>
          {tab === 'week' && <WeekPage canteenId={canteenId} notify={notify} />}
          {tab === 'takeaway' && <TakeawayPage canteenId={canteenId} notify={notify} />}
          {tab === 'today' && <TodayPage />}
          {tab === 'account' && <AccountPage canteenId={canteenId} notify={notify} />}
          {tab === 'history' && <HistoryPage canteenId={canteenId} notify={notify} />}
        </main>
      )}
      <nav className="m-tabs">
        {TABS.map((x) => <button key={x} type="button" aria-current={tab === x ? 'page' : undefined} onClick={() => go(x)}>{t(`m.${x}`)}</button>)}
      </nav>
    </div>
  );
}

document.documentElement.lang = lang;
const root = document.getElementById('m-root');
if (root) createRoot(root).render(<StrictMode><PhoneApp /></StrictMode>);
