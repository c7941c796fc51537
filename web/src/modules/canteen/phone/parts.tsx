import { useState, type FormEvent } from 'react';
import { api, HttpError, setCsrf } from './api';
import { t } from './i18n';

export interface Flash { text: string; error?: boolean }
export type Notify = (f: Flash) => void;

export function Msg({ flash }: { flash: Flash }) {
  return <div role={flash.error ? 'alert' : 'status'} className={`m-msg${flash.error ? ' err' : ''}`}>{flash.text}</div>;
}

export const failed = (notify: Notify) => (e: unknown) => notify({ text: e instanceof HttpError ? e.message : String(e), error: true });

export const mealName = (m: string) => t(`meal.${m}`);

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
