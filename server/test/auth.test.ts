import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { currentTotp } from '../src/kernel/auth/totp';
import { DEMO_PASSWORD, testApp, type TestApp } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('login', () => {
  it('signs in with the demo password and shows who I am', async () => {
    const c = await t.login('hrb.staff');
    const me = (await c.get('/api/auth/me')).json();
    expect(me.username).toBe('hrb.staff');
    expect(me.orgUnitName).toBe('哈尔滨市机关事务管理局');
    expect(me.scopes).toEqual([{ unitId: expect.any(Number), unitName: '哈尔滨市', roles: ['机关事务局工作人员'] }]);
    expect(me.permissions).toContain('kernel.approvals.decide');
  });

  it('refuses a wrong password with the same message as an unknown user, in the caller language', async () => {
    const wrong = await t.anon.post('/api/auth/login', { username: 'hrb.employee', password: 'nope' });
    const unknown = await t.anon.request({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'nope' }, headers: { 'accept-language': 'en' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe('用户名或密码错误');
    expect(unknown.json().error).toMatchObject({ code: 'login_failed', message: 'Wrong username or password' });
  });

  it('locks the account after 5 failures, even for the right password, until an admin unlocks it', async () => {
    for (let i = 0; i < 4; i++) expect((await t.anon.post('/api/auth/login', { username: 'bx.employee', password: `bad${i}` })).statusCode).toBe(401);
    const fifth = await t.anon.post('/api/auth/login', { username: 'bx.employee', password: 'bad5' });
    expect(fifth.statusCode).toBe(403);
    expect(fifth.json().error.code).toBe('account_locked');
    const right = await t.anon.post('/api/auth/login', { username: 'bx.employee', password: DEMO_PASSWORD });
    expect(right.json().error.code).toBe('account_locked');

    const admin = await t.login('sysadmin');
    const list = (await admin.get('/api/users?q=bx.employee')).json();
    expect(list.items[0].locked).toBe(true);
    expect((await admin.post(`/api/users/${list.items[0].id}/unlock`)).statusCode).toBe(200);
    expect((await t.anon.post('/api/auth/login', { username: 'bx.employee', password: DEMO_PASSWORD })).statusCode).toBe(200);
  });

  it('concurrent wrong passwords each count: the account still locks', async () => {
    const attempts = await Promise.all(Array.from({ length: 8 }, (_, i) => t.anon.post('/api/auth/login', { username: 'hrb.organ', password: `guess-${i}` })));
    expect(attempts.some((r) => r.json().error.code === 'account_locked')).toBe(true);
    expect((await t.anon.post('/api/auth/login', { username: 'hrb.organ', password: DEMO_PASSWORD })).json().error.code).toBe('account_locked');
  });

  it('a disabled account answers like a wrong password', async () => {
    const admin = await t.login('sysadmin');
    const u = (await admin.get('/api/users?q=qqhr.staff')).json().items[0];
    await admin.patch(`/api/users/${u.id}`, { active: false });
    const res = await t.anon.post('/api/auth/login', { username: 'qqhr.staff', password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('login_failed');
    await admin.patch(`/api/users/${u.id}`, { active: true });
  });

  it('ends an idle session and says so', async () => {
    const c = await t.login('hlj.employee');
    await t.database.db.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = (select id from users where username = 'hlj.employee')`);
    const res = await c.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('session_expired');
    const left = await t.database.db.execute(sql`select count(*)::int as n from sessions s join users u on u.id = s.user_id where u.username = 'hlj.employee'`);
    expect((left.rows[0] as { n: number }).n).toBe(0);
  });

  it('logout destroys the session in the database', async () => {
    const c = await t.login('hrb.employee');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('rejects a write without the CSRF token, and changes nothing', async () => {
    const c = await t.login('sysadmin');
    const noToken = await c.request({ method: 'PATCH', url: '/api/org/units/1', payload: { name: '被篡改' }, headers: { 'x-csrf-token': 'forged' } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf_invalid');
    expect((await c.get('/api/org/units/1')).json().name).toBe('黑龙江省');
  });

  it('a new account must change its one-time password before anything else', async () => {
    const admin = await t.login('sysadmin');
    const created = (await admin.post('/api/users', { username: 'new.clerk', displayName: '新职员', orgUnitId: (await admin.get('/api/auth/me')).json().orgUnitId })).json();
    const c = await t.login('new.clerk', created.oneTimePassword);
    expect((await c.get('/api/org/ranks')).json().error.code).toBe('password_change_required');
    const weak = await c.post('/api/auth/password', { oldPassword: created.oneTimePassword, newPassword: 'short' });
    expect(weak.json().error.code).toBe('password_too_short');
    expect((await c.post('/api/auth/password', { oldPassword: created.oneTimePassword, newPassword: 'Harbin#2026winter' })).statusCode).toBe(200);
    expect((await c.get('/api/org/ranks')).statusCode).toBe(200);
  });
});

describe('second factor (TOTP)', () => {
  it('enrols, then asks for the code at the next login', async () => {
    const c = await t.login('hlj.organ');
    const setup = (await c.post('/api/auth/totp/setup')).json();
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Guanjia:hlj.organ\?/);
    expect((await c.post('/api/auth/totp/enable', { code: '000000' })).json().error.code).toBe('totp_invalid');
    const enrolCode = currentTotp(setup.secret);
    expect((await c.post('/api/auth/totp/enable', { code: enrolCode })).statusCode).toBe(200);

    const step1 = await t.anon.post('/api/auth/login', { username: 'hlj.organ', password: DEMO_PASSWORD });
    expect(step1.json().status).toBe('totp_required');
    const cookie = String(step1.headers['set-cookie']).split(';')[0]!;
    const pending = { cookie, 'x-csrf-token': step1.json().csrfToken };
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: pending })).json().error.code).toBe('totp_required_first');
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/totp/verify', headers: pending, payload: { code: '123456' } });
    expect(bad.json().error.code).toBe('totp_invalid');
    // The enrolment's code cannot be replayed (even if a 30 s step has passed since); the next step's code works.
    const replay = await t.app.inject({ method: 'POST', url: '/api/auth/totp/verify', headers: pending, payload: { code: enrolCode } });
    expect(replay.json().error.code).toBe('totp_invalid');
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/totp/verify', headers: pending, payload: { code: currentTotp(setup.secret, 1) } });
    expect(ok.json().status).toBe('ok');
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: pending })).statusCode).toBe(200);
  });

  it('when the security admin requires it, an admin must enrol at login', async () => {
    const sec = await t.login('secadmin');
    expect((await sec.put('/api/settings/security-policy', { requireTotpForAdmins: true })).statusCode).toBe(200);
    const step1 = await t.anon.post('/api/auth/login', { username: 'auditadmin', password: DEMO_PASSWORD });
    expect(step1.json().status).toBe('totp_setup_required');
    // A non-admin is not affected.
    expect((await t.anon.post('/api/auth/login', { username: 'hrb.staff', password: DEMO_PASSWORD })).json().status).toBe('ok');
    expect((await sec.put('/api/settings/security-policy', { requireTotpForAdmins: false })).statusCode).toBe(200);
  });
});
