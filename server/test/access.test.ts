import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, unitId, type Client, type TestApp } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('route census', () => {
  it('every route declares a permission, except the explicit public list', () => {
    const publicRoutes = t.app.routeCensus.filter((r) => r.public).map((r) => `${r.method} ${r.url}`);
    const undeclared = t.app.routeCensus.filter((r) => !r.public && !r.permission);
    expect(undeclared).toEqual([]);
    const allowedPublic = [/^POST \/api\/auth\/login$/, /^POST \/api\/auth\/logout$/, /^GET \/api\/health$/, /^GET \/api\/openapi\.json$/, /^(HEAD,)?GET(,HEAD)? \/api\/docs/, /^GET \/\*$/,
      /^(GET|POST) \/api\/public\/plans\/drafts\/:token(\/suggestions)?$/, /^GET \/p\/suggest(\/:token|\.js)$/, // plans: the rate-limited public call for suggestions and its web form
      // canteen: the payment provider's signed callback, and the phone pages' HTML shell, manifest and icon (no data)
      /^POST \/api\/canteen\/payments\/:provider\/callback$/, /^GET \/m(\/\*|\/manifest\.webmanifest|\/icon\.svg)?$/];
    expect(publicRoutes.filter((r) => !allowedPublic.some((p) => p.test(r)))).toEqual([]);
    expect(t.app.routeCensus.length).toBeGreaterThan(40);
  });

  it('refuses to register a route without a permission', async () => {
    await expect(async () => {
      t.app.get('/api/undeclared', async () => 'x');
    }).rejects.toThrow();
  });
});

/** Each kernel action as a request that passes validation only when the permission check passed. */
const actions: Record<string, [string, string, unknown?]> = {
  'org.read': ['GET', '/api/org/units'],
  'org.write': ['POST', '/api/org/units', {}],
  'users.read': ['GET', '/api/users'],
  'users.write': ['POST', '/api/users', {}],
  'roles.read': ['GET', '/api/roles'],
  'roles.write': ['POST', '/api/roles', {}],
  'roles.grant': ['POST', '/api/role-assignments', {}],
  'audit.read': ['GET', '/api/audit'],
  'settings.read': ['GET', '/api/settings/password-policy'],
  'settings.write': ['PUT', '/api/settings/password-policy', {}],
  'security.write': ['PUT', '/api/settings/security-policy', {}],
  'approvals.decide': ['GET', '/api/approvals/inbox'],
  'files.write': ['POST', '/api/files', {}],
  self: ['GET', '/api/notifications/unread-count'],
};

const matrix: Record<string, string[]> = {
  sysadmin: ['org.read', 'org.write', 'users.read', 'users.write', 'settings.read', 'settings.write', 'self'],
  secadmin: ['org.read', 'users.read', 'roles.read', 'roles.write', 'roles.grant', 'security.write', 'self'],
  auditadmin: ['audit.read', 'self'],
  'hlj.staff': ['org.read', 'users.read', 'approvals.decide', 'files.write', 'self'],
  'hlj.organ': ['org.read', 'users.read', 'approvals.decide', 'files.write', 'self'],
  'hlj.employee': ['self'],
};

describe('authorization matrix: built-in role × kernel action', () => {
  for (const [user, allowed] of Object.entries(matrix)) {
    it(`${user}: allowed ${allowed.join(', ')}; everything else 403`, async () => {
      const c = await t.login(user);
      const outcome: Record<string, 'allowed' | 'denied'> = {};
      for (const [name, [method, url, payload]] of Object.entries(actions)) {
        const res = await c.request({ method: method as 'GET', url, ...(payload === undefined ? {} : { payload: payload as object }) });
        outcome[name] = res.statusCode === 403 ? 'denied' : 'allowed';
      }
      const expected = Object.fromEntries(Object.keys(actions).map((a) => [a, allowed.includes(a) ? 'allowed' : 'denied']));
      expect(outcome).toEqual(expected);
    });
  }
});

describe('grants are cached, never stale', () => {
  it('a grant and a revocation take effect on the very next request', async () => {
    const emp = await t.login('bx.employee');
    expect((await emp.get('/api/org/units')).statusCode).toBe(403);
    const sec = await t.login('secadmin');
    const roles = (await sec.get('/api/roles')).json() as { id: number; code: string }[];
    const me = (await sec.get('/api/users?q=bx.employee')).json().items[0];
    await sec.post('/api/role-assignments', { userId: me.id, roleId: roles.find((r) => r.code === 'organ_admin')!.id, scopeUnitId: me.orgUnitId });
    expect((await emp.get('/api/org/units')).statusCode).toBe(200);
    const a = (await sec.get(`/api/role-assignments?userId=${me.id}`)).json().items.find((x: { roleCode: string }) => x.roleCode === 'organ_admin');
    await sec.del(`/api/role-assignments/${a.id}`);
    expect((await emp.get('/api/org/units')).statusCode).toBe(403);
  });
});

describe('data scope', () => {
  let hrb: Client;
  beforeAll(async () => {
    hrb = await t.login('hrb.staff');
  });

  it('a Harbin user asking for a Qiqihar object gets 404', async () => {
    const qqhr = await unitId(t.database, '230200');
    const harbin = await unitId(t.database, '230100');
    expect((await hrb.get(`/api/org/units/${qqhr}`)).statusCode).toBe(404);
    expect((await hrb.get(`/api/org/units/${harbin}`)).statusCode).toBe(200);
    const qqhrUser = (await (await t.login('sysadmin')).get('/api/users?q=qqhr.staff')).json().items[0];
    expect((await hrb.get(`/api/users/${qqhrUser.id}`)).statusCode).toBe(404);
    expect((await hrb.get(`/api/org/units?parentId=${qqhr}`)).statusCode).toBe(404);
  });

  it('lists return only what is in scope', async () => {
    const users = (await hrb.get('/api/users?pageSize=200')).json();
    // Bin County (宾县) lies in Harbin: its users are in a Harbin user's scope; Qiqihar's and the province's are not.
    expect(users.items.map((u: { username: string }) => u.username).sort()).toEqual([
      'bx.auditadmin', 'bx.canteen', 'bx.employee', 'bx.organ', 'bx.secadmin', 'bx.staff', 'bx.sysadmin',
      'hrb.auditadmin', 'hrb.canteen', 'hrb.employee', 'hrb.organ', 'hrb.secadmin', 'hrb.staff', 'hrb.sysadmin',
    ]);
    const roots = (await hrb.get('/api/org/units')).json();
    expect(roots.map((u: { name: string }) => u.name)).toEqual(['哈尔滨市']);
    const search = (await hrb.get(`/api/org/units/search?q=${encodeURIComponent('财政')}`)).json();
    expect(search.length).toBeGreaterThan(0);
    expect(search.every((u: { name: string }) => !u.name.includes('齐齐哈尔') && !u.name.includes('黑龙江省财政厅'))).toBe(true);
  });

  it('a county user sees the county, not the prefecture', async () => {
    const bx = await t.login('bx.staff');
    const roots = (await bx.get('/api/org/units')).json();
    expect(roots.map((u: { name: string }) => u.name)).toEqual(['宾县']);
    expect((await bx.get(`/api/org/units/${await unitId(t.database, '230100')}`)).statusCode).toBe(404);
  });

  it('personal data is masked for roles that do not need it', async () => {
    const sys = await t.login('sysadmin');
    const u = (await sys.get('/api/users?q=hrb.employee')).json().items[0];
    await sys.patch(`/api/users/${u.id}`, { phone: '13912345678' });
    expect((await sys.get(`/api/users/${u.id}`)).json().phone).toBe('13912345678');
    expect((await hrb.get(`/api/users/${u.id}`)).json().phone).toBe('139****5678');
    // The audit admin sees that the phone changed, not the number.
    const aud = await t.login('auditadmin');
    const rec = (await aud.get(`/api/audit?action=user.update&objectId=${u.id}`)).json().items[0];
    expect(rec.after.phone).toBe('139****5678');
    // Departments are named with their organ.
    expect((await sys.get('/api/users?q=sysadmin')).json().items[0].orgUnitName).toBe('黑龙江省机关事务管理局 · 办公室');
  });
});

describe('separation of the three admins (三员分立)', () => {
  it('a Harbin audit admin reads Harbin’s trail, not the province’s or Qiqihar’s', async () => {
    await (await t.login('qqhr.staff')).get('/api/auth/me');
    const aud = await t.login('hrb.auditadmin');
    const items = (await aud.get('/api/audit?action=auth.login&pageSize=200')).json().items as { username: string }[];
    expect(items.some((e) => e.username === 'hrb.auditadmin')).toBe(true);
    expect(items.some((e) => e.username === 'qqhr.staff' || e.username === 'sysadmin')).toBe(false);
  });

  it('the system admin can neither read the audit log nor grant roles', async () => {
    const sys = await t.login('sysadmin');
    expect((await sys.get('/api/audit')).statusCode).toBe(403);
    expect((await sys.post('/api/role-assignments', { userId: 1, roleId: 1, scopeUnitId: 1 })).statusCode).toBe(403);
  });

  it('the system admin cannot reset the password of, or disable, the security or audit admin', async () => {
    const sys = await t.login('sysadmin');
    const users = (await sys.get('/api/users?pageSize=100')).json().items as { id: number; username: string }[];
    const aud = users.find((u) => u.username === 'auditadmin')!;
    const reset = await sys.post(`/api/users/${aud.id}/reset-password`);
    expect(reset.statusCode).toBe(403);
    expect(reset.json().error.code).toBe('admin_account_protected');
    expect((await sys.patch(`/api/users/${aud.id}`, { active: false })).json().error.code).toBe('admin_account_protected');
    expect((await t.login('auditadmin')).cookie).toBeTruthy();
  });

  it('duty permissions cannot be put in a custom role', async () => {
    const sec = await t.login('secadmin');
    const res = await sec.post('/api/roles', { code: 'shadow_audit', nameZh: '影子审计', nameEn: 'Shadow audit', permissions: ['kernel.org.read', 'kernel.audit.read'] });
    expect(res.json().error).toMatchObject({ code: 'permission_reserved', message: expect.stringContaining('kernel.audit.read') });
    const ok = await sec.post('/api/roles', { code: 'org_viewer', nameZh: '组织查看员', nameEn: 'Org viewer', permissions: ['kernel.org.read'] });
    expect(ok.statusCode).toBe(200);
    // A prefecture's security admin may not change a role that applies province-wide.
    const hrbSec = await t.login('hrb.secadmin');
    expect((await hrbSec.patch(`/api/roles/${ok.json().id}`, { permissions: ['kernel.org.read', 'kernel.users.read'] })).json().error.code).toBe('scope_root_required');
  });

  it('a county admin cannot change installation-wide settings', async () => {
    const bx = await t.login('bx.sysadmin');
    const policy = (await bx.get('/api/settings/password-policy')).json();
    expect((await bx.put('/api/settings/password-policy', { ...policy, lockoutThreshold: 20 })).json().error.code).toBe('scope_root_required');
    expect((await (await t.login('bx.secadmin')).put('/api/settings/security-policy', { requireTotpForAdmins: false })).json().error.code).toBe('scope_root_required');
  });

  it('a Harbin system admin cannot take over an account whose roles reach beyond Harbin', async () => {
    const sec = await t.login('secadmin');
    const roles = (await sec.get('/api/roles')).json() as { id: number; code: string }[];
    const target = (await sec.get('/api/users?q=hrb.employee')).json().items[0];
    await sec.post('/api/role-assignments', { userId: target.id, roleId: roles.find((r) => r.code === 'bureau_staff')!.id, scopeUnitId: await unitId(t.database, '230000') });
    const hrbSys = await t.login('hrb.sysadmin');
    expect((await hrbSys.post(`/api/users/${target.id}/reset-password`)).json().error.code).toBe('account_beyond_scope');
    const bxEmployee = (await hrbSys.get('/api/users?q=bx.employee')).json().items[0];
    expect((await hrbSys.post(`/api/users/${bxEmployee.id}/reset-password`)).statusCode).toBe(200);
  });

  it('the security admin grants roles but not two admin duties to one person, and never to itself', async () => {
    const sec = await t.login('secadmin');
    const roles = (await sec.get('/api/roles')).json() as { id: number; code: string }[];
    const roleId = (code: string) => roles.find((r) => r.code === code)!.id;
    const users = (await sec.get('/api/users?pageSize=100')).json().items as { id: number; username: string }[];
    const userId = (name: string) => users.find((u) => u.username === name)!.id;
    const province = await unitId(t.database, '230000');
    const conflict = await sec.post('/api/role-assignments', { userId: userId('auditadmin'), roleId: roleId('sys_admin'), scopeUnitId: province });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.code).toBe('admin_duty_conflict');
    const self = await sec.post('/api/role-assignments', { userId: userId('secadmin'), roleId: roleId('bureau_staff'), scopeUnitId: province });
    expect(self.statusCode).toBe(403);
    const ok = await sec.post('/api/role-assignments', { userId: userId('hrb.employee'), roleId: roleId('organ_admin'), scopeUnitId: await unitId(t.database, '哈尔滨市财政局') });
    expect(ok.statusCode).toBe(200);
    // The security admin cannot manage accounts or settings.
    expect((await sec.post('/api/users', { username: 'x.y', displayName: 'x', orgUnitId: province })).statusCode).toBe(403);
  });

  it('the audit admin only reads the audit log, and sees the other admins’ actions there', async () => {
    const sys = await t.login('sysadmin');
    await sys.put('/api/settings/password-policy', { minLength: 12, minClasses: 3, expiryDays: 90, lockoutThreshold: 5, lockoutWindowMinutes: 15, lockoutMinutes: 15, idleTimeoutMinutes: 30 });
    const aud = await t.login('auditadmin');
    const log = (await aud.get('/api/audit?action=settings.update')).json();
    expect(log.items[0]).toMatchObject({ username: 'sysadmin', action: 'settings.update', objectId: 'password-policy', result: 'ok' });
    expect(log.items[0].after.minLength).toBe(12);
    const grants = (await aud.get('/api/audit?action=role.grant')).json();
    expect(grants.items.some((e: { username: string }) => e.username === 'secadmin')).toBe(true);
    expect((await aud.get('/api/users')).statusCode).toBe(403);
    expect((await aud.get('/api/roles')).statusCode).toBe(403);
  });
});
