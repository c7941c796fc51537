import { sql } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadEnv } from '../src/config/env';
import { boot, type Booted } from '../src/boot';
import type { Database } from '../src/db/client';
import { DEMO_PASSWORD } from '../src/seed/seed';
import { freshDatabase } from './template';

export { DEMO_PASSWORD };

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  booted: Booted;
  /** Signs in and returns a client that sends the session cookie and CSRF token. */
  login(username: string, password?: string): Promise<Client>;
  anon: Client;
  close(): Promise<void>;
}

export interface Client {
  cookie?: string;
  csrf?: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  del(url: string): Promise<LightMyRequestResponse>;
}

export function client(app: FastifyInstance, cookie?: string, csrf?: string): Client {
  const request = (opts: InjectOptions) =>
    app.inject({ ...opts, headers: { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}), ...(opts.headers ?? {}) } });
  return {
    cookie, csrf, request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload) => request({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) }),
    put: (url, payload) => request({ method: 'PUT', url, payload: payload as object }),
    patch: (url, payload) => request({ method: 'PATCH', url, payload: payload as object }),
    del: (url) => request({ method: 'DELETE', url }),
  };
}

export async function signIn(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0]! : setCookie!).split(';')[0]!;
  return client(app, cookie, (res.json() as { csrfToken: string }).csrfToken);
}

/** Boots the whole app (migrations, roles, routes) on a fresh seeded database. */
export async function testApp(opts: { database?: Database } = {}): Promise<TestApp> {
  const database = opts.database ?? (await freshDatabase());
  const env = loadEnv({ DATA_DIR: '.tmp/unused', LOG_LEVEL: 'silent', JOB_WORKER: 'false' } as NodeJS.ProcessEnv);
  const booted = await boot(env, { database, logger: false, runJobs: false });
  return {
    app: booted.app, database, booted,
    login: (u, p) => signIn(booted.app, u, p),
    anon: client(booted.app),
    close: () => booted.stop(),
  };
}

/** Id of an org unit by division code or exact name. */
export async function unitId(db: Database, key: string): Promise<number> {
  const r = await db.db.execute(sql`select id from org_units where region_code = ${key} or name = ${key} order by id limit 1`);
  const row = r.rows[0] as { id: number } | undefined;
  if (!row) throw new Error(`no unit ${key}`);
  return row.id;
}

/** A multipart/form-data body with fields and one file, for upload routes. */
export function multipart(file: { name: string; data: Buffer; field?: string }, fields: Record<string, string> = {}) {
  const boundary = `----guanjia${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
