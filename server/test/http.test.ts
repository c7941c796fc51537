import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('behind a reverse proxy', () => {
  it('trusts only the configured hops of X-Forwarded-For', async () => {
    const { buildApp } = await import('../src/app');
    const { loadEnv } = await import('../src/config/env');
    const app = await buildApp({ env: loadEnv({ DATA_DIR: '.tmp/unused', TRUST_PROXY: 'true' } as NodeJS.ProcessEnv), database: t.database, logger: false });
    await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' }, payload: { username: 'proxy.test', password: 'x' } });
    await app.close();
    const aud = await t.login('auditadmin');
    const rec = (await aud.get('/api/audit?username=proxy.test')).json().items[0];
    expect(rec.ip).toBe('203.0.113.7');
  });
});

describe('HTTP conventions', () => {
  it('health checks the database', async () => {
    const res = await t.anon.get('/api/health');
    expect(res.json()).toEqual({ status: 'ok', database: t.database.kind });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('serves OpenAPI with every kernel route and a docs page', async () => {
    const doc = (await t.anon.get('/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/users', '/api/org/units', '/api/audit', '/api/approvals/inbox', '/api/auth/login']) expect(Object.keys(doc.paths)).toContain(p);
    expect((await t.anon.get('/api/docs')).statusCode).toBeLessThan(400);
  });

  it('sends security headers with a Content-Security-Policy', async () => {
    const res = await t.anon.get('/api/health');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('one error shape, in Chinese by default and English on request', async () => {
    const zh = await t.anon.get('/api/users');
    expect(zh.statusCode).toBe(401);
    expect(zh.json()).toEqual({ error: { code: 'unauthenticated', message: '请先登录' } });
    const en = await t.anon.request({ method: 'GET', url: '/api/nowhere', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.json()).toEqual({ error: { code: 'not_found', message: 'Not found, or outside your data scope' } });
  });

  it('validation errors name each field, in the user’s language', async () => {
    const sys = await t.login('sysadmin');
    const res = await sys.post('/api/users', { username: 'a', displayName: '', orgUnitId: 'x' });
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { path: string; message: string }[];
    expect(details.map((d) => d.path).sort()).toEqual(['body.displayName', 'body.orgUnitId', 'body.username']);
    expect(details.find((d) => d.path === 'body.username')!.message).toBe('不能少于 3 个字符');
  });

  it('refuses oversized bodies and rate-limits logins', async () => {
    const big = await t.anon.request({ method: 'POST', url: '/api/auth/login', payload: JSON.stringify({ username: 'x', password: 'y'.repeat(2 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } });
    expect(big.statusCode).toBe(413);
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await t.anon.post('/api/auth/login', { username: 'ratelimited', password: 'x' })).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
  });

  it('pages, sorts and filters lists the same way', async () => {
    const sys = await t.login('sysadmin');
    const page = (await sys.get('/api/users?page=2&pageSize=5&sort=-username')).json();
    expect(page).toMatchObject({ page: 2, pageSize: 5, total: 22 }); // 19 kernel demo users + 3 canteen staff
    const all = (await sys.get('/api/users?pageSize=50&sort=-username')).json().items.map((u: { username: string }) => u.username);
    expect(page.items.map((u: { username: string }) => u.username)).toEqual(all.slice(5, 10));
    expect((await sys.get('/api/users?pageSize=500')).statusCode).toBe(400);
  });
});
