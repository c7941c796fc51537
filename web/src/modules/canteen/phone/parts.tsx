import { useState, type FormEvent } from 'react';
import { api, HttpError, setCsrf } from './api';
import { t } from './i18n';

export interface Flash { text: string; error?: boolean }
export type Notify = (f: Flash) => void;

/** The message over the page; a tap on × (or the next successful action, main.tsx) takes it away. */
export function Msg({ flash, onClose }: { flash: Flash; onClose: () => void }) {
  return (
    <div role={flash.error ? 'alert' : 'status'} className={`m-msg${flash.error ? ' err' : ''}`}>
      <span>{flash.text}</span>
      <button type="button" className="m-close" aria-label={t('m.dismiss')} onClick={onClose}>×</button>
    </div>
  );
}

export const failed = (notify: Notify) => (e: unknown) => notify({ text: e instanceof HttpError ? e.message : String(e), error: true });

export const mealName = (m: string) => t(`meal.${m}`);

const MEALS = new Set(['breakfast', 'lunch', 'dinner']);
const PROVIDERS = new Set(['cashier', 'testbank']);

/**
 * A ledger line's memo in the reader's language. The server writes codes ("2026-11-30 lunch",
 * "2026-11-30 lunch 改菜", "cashier", "testbank"); item names and months pass through unchanged.
 */
export function memoText(memo: string | null): string {
  if (!memo) return '';
  if (PROVIDERS.has(memo)) return t(`m.provider.${memo}`);
  const m = /^(?:(\d{4}-\d{2}-\d{2}) )?(breakfast|lunch|dinner)( 改菜)?$/.exec(memo);
  if (!m || !MEALS.has(m[2]!)) return memo;
  return [m[1], mealName(m[2]!), m[3] ? t('m.changeDishes') : undefined].filter(Boolean).join(' ');
}

/** Sign-in on the phone; anything beyond a password (second factor, new password) goes to the full login page. */
export function Login({ onDone }: { onDone: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const r = await api<{ status: string; csrfToken: string }>('POST', '/api/auth/login', { username, password });
      setCsrf(r.csrfToken);
      if (r.status !== 'ok') location.href = '/login?redirect=%2F';
      else onDone();
    } catch (err) {
      setError(err instanceof HttpError ? err.message : t('m.loginFailed'));
    }
  };
  return (
    <form className="m-section" onSubmit={(e) => void submit(e)} data-testid="m-login">
      <h1>{t('m.title')}</h1>
      <label>{t('m.username')}<input className="m-input" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} /></label>
      <label>{t('m.password')}<input className="m-input" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} /></label>
      {error && <div role="alert" className="m-msg err" style={{ position: 'static' }}>{error}</div>}
      <button className="m-btn" type="submit" style={{ width: '100%' }}>{t('m.login')}</button>
    </form>
  );
}
