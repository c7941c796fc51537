// A tiny client for the phone pages: no admin shell, no antd. CSRF token in memory only.
let csrf: string | null = null;
export const setCsrf = (t: string | null) => {
  csrf = t;
};
export let lang: 'zh-CN' | 'en' = (() => {
  try {
    return localStorage.getItem('guanjia.locale') === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
})();
export const setLang = (l: 'zh-CN' | 'en') => {
  lang = l;
};

let onWriteOk: () => void = () => undefined;
/** Called after every successful change (POST/PUT/DELETE): the page clears an earlier error. */
export const setOnWriteOk = (f: () => void) => {
  onWriteOk = f;
};

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': lang };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const e = (data as { error?: { code: string; message: string; details?: { message: string }[] } } | undefined)?.error;
    // "Some input is invalid" alone does not say what: the fields' own messages follow it.
    const details = e?.details?.map((d) => d.message).join(lang === 'en' ? '; ' : ';');
    const message = e?.message ?? res.statusText;
    throw new HttpError(res.status, e?.code ?? 'error', details ? `${message}${lang === 'en' ? ': ' : ':'}${details}` : message);
  }
  if (method !== 'GET') onWriteOk();
  return data as T;
}

export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
export const newKey = () => `m-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
