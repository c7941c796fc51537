import type { ErrorBody } from '@guanjia/contracts';

/** One field- or row-level problem reported by the server. */
export type ErrorDetail = NonNullable<ErrorBody['error']['details']>[number];

/** Every failed request becomes an ApiError carrying the server's one error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

// The CSRF token lives in memory only (never in browser storage); it comes with LoginResult and Me.
let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

let requestLanguage = 'zh-CN';
/** The server answers error messages in this language. */
export const setRequestLanguage = (lang: string): void => {
  requestLanguage = lang;
};

let unauthenticatedHandler: ((code: string) => void) | null = null;
/** Called on 401 `unauthenticated` / `session_expired`: the app sends the user to /login. */
export const setUnauthenticatedHandler = (fn: (code: string) => void): void => {
  unauthenticatedHandler = fn;
};

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export function toQueryString(query?: QueryParams): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  accept?: string;
}

async function send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: opts.accept ?? 'application/json', 'Accept-Language': requestLanguage };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path + toQueryString(opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', '');
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

async function toApiError(res: Response): Promise<ApiError> {
  let parsed: Partial<ErrorBody> | null = null;
  try {
    parsed = (await res.json()) as Partial<ErrorBody>;
  } catch {
    parsed = null;
  }
  const e = parsed?.error;
  const err = e && typeof e.code === 'string'
    ? new ApiError(res.status, e.code, e.message ?? '', e.details ?? [])
    : new ApiError(res.status, res.status >= 502 && res.status <= 504 ? 'network' : `http_${res.status}`, '');
  if (res.status === 401 && (err.code === 'session_expired' || err.code === 'unauthenticated')) {
    unauthenticatedHandler?.(err.code);
  }
  return err;
}

async function json<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** File name from Content-Disposition (RFC 5987 `filename*` first). */
function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(cd);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1] ?? fallback;
}

/** Save a blob through a temporary object URL (no inline script, CSP-friendly). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const api = {
  get: async <T>(path: string, query?: QueryParams, signal?: AbortSignal): Promise<T> =>
    json<T>(await send('GET', path, { query, signal })),
  post: async <T>(path: string, body?: unknown): Promise<T> => json<T>(await send('POST', path, { body })),
  put: async <T>(path: string, body?: unknown): Promise<T> => json<T>(await send('PUT', path, { body })),
  patch: async <T>(path: string, body?: unknown): Promise<T> => json<T>(await send('PATCH', path, { body })),
  delete: async <T>(path: string): Promise<T> => json<T>(await send('DELETE', path)),

  /** Multipart upload: the file goes in `field` (default `file`). */
  upload: async <T>(path: string, file: Blob, field = 'file', fileName?: string): Promise<T> => {
    const form = new FormData();
    if (fileName) form.append(field, file, fileName);
    else form.append(field, file);
    return json<T>(await send('POST', path, { body: form }));
  },

  /** GET a file and save it under the server's file name (or `fallbackName`). */
  download: async (path: string, query: QueryParams | undefined, fallbackName: string): Promise<void> => {
    const res = await send('GET', path, { query, accept: '*/*' });
    saveBlob(await res.blob(), fileNameOf(res, fallbackName));
  },
};
