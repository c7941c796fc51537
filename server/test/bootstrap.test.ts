import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { boot, type Booted } from '../src/boot';
import { loadEnv } from '../src/config/env';
import { client, signIn } from './helpers';
import { freshEmptyDatabase } from './template';

// A production first start on an empty database: only the system admin, with a one-time password.
let b: Booted;
beforeAll(async () => {
  const database = await freshEmptyDatabase();
  b = await boot(loadEnv({ DATA_DIR: '.tmp/unused', LOG_LEVEL: 'silent', GUANJIA_DEMO: 'false' } as NodeJS.ProcessEnv), { database, logger: false, runJobs: false });
});
afterAll(() => b.stop());

describe('production first start', () => {
  it('creates only the system admin, whose one-time password must be changed at first sign-in', async () => {
    expect(b.seeded?.kind).toBe('production');
    const users = await b.database.db.execute(sql`select username, must_change_password from users`);
    expect(users.rows).toEqual([{ username: 'sysadmin', must_change_password: true }]);
    // No default password works.
    for (const p of ['Guanjia@2026', 'admin', 'sysadmin', '123456'])
      expect((await b.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'sysadmin', password: p } })).statusCode).toBe(401);
    const password = b.seeded?.kind === 'production' ? b.seeded.password : '';
    const res = await b.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'sysadmin', password } });
    expect(res.json().status).toBe('password_change_required');
    const c = client(b.app, String(res.headers['set-cookie']).split(';')[0], res.json().csrfToken);
    expect((await c.get('/api/users')).json().error.code).toBe('password_change_required');
    expect((await c.post('/api/auth/password', { oldPassword: password, newPassword: 'Heilongjiang#2026' })).statusCode).toBe(200);
    const again = await signIn(b.app, 'sysadmin', 'Heilongjiang#2026');
    expect((await again.get('/api/users')).json().total).toBe(1);
  });

  it('a second start over existing data seeds nothing', async () => {
    const second = await boot(loadEnv({ DATA_DIR: '.tmp/unused', LOG_LEVEL: 'silent', GUANJIA_DEMO: 'true' } as NodeJS.ProcessEnv), { database: b.database, logger: false, runJobs: false });
    expect(second.seeded).toBeUndefined();
    await second.app.close();
    const n = await b.database.db.execute(sql`select count(*)::int as n from users`);
    expect(n.rows[0]).toEqual({ n: 1 });
  });

  it("reads 'today' as Shanghai's day on every connection, whatever the server's zone", async () => {
    const shanghai = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    // Several round trips, so a pool hands out more than one connection on PostgreSQL.
    const days = await Promise.all(
      Array.from({ length: 4 }, () => b.database.db.execute(sql`select current_setting('TimeZone') as tz, to_char(current_date, 'YYYY-MM-DD') as day`)),
    );
    for (const d of days) expect(d.rows[0]).toEqual({ tz: 'Asia/Shanghai', day: shanghai });
  });
});
