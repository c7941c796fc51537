import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { verifyAuditChain } from '../src/kernel/audit/audit.service';
import { JobRunner } from '../src/kernel/jobs/jobs.service';
import { testApp, type TestApp } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('audit trail', () => {
  it('records logins, failed logins, writes and logouts with user, IP and before/after', async () => {
    await t.anon.post('/api/auth/login', { username: 'hrb.staff', password: 'wrong' });
    const sys = await t.login('sysadmin');
    const unit = (await sys.get('/api/org/units')).json()[0];
    await sys.patch(`/api/org/units/${unit.id}`, { sort: 5 });
    await sys.post('/api/auth/logout');
    const aud = await t.login('auditadmin');
    const items = (await aud.get('/api/audit?pageSize=50')).json().items as { action: string; result: string; username: string; ip: string; before: { sort?: number }; after: { sort?: number } }[];
    expect(items.find((e) => e.action === 'auth.login' && e.result === 'failed')).toMatchObject({ username: 'hrb.staff', ip: '127.0.0.1' });
    expect(items.find((e) => e.action === 'org.unit.update')).toMatchObject({ username: 'sysadmin', before: { sort: 0 }, after: { sort: 5 } });
    expect(items.some((e) => e.action === 'auth.logout' && e.username === 'sysadmin')).toBe(true);
    expect(JSON.stringify(items)).not.toMatch(/argon2|passwordHash/);
  });

  it('a write and its audit record commit together: a failed write leaves no record', async () => {
    const sys = await t.login('sysadmin');
    const before = await t.database.db.execute(sql`select count(*)::int as n from audit_log where action = 'org.unit.create'`);
    const bad = await sys.post('/api/org/units', { kind: 'organ', parentId: 1, name: '测试单位', organLevel: 'provincial', uscc: '11230000MB0000001A' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('uscc_invalid');
    const after = await t.database.db.execute(sql`select count(*)::int as n from audit_log where action = 'org.unit.create'`);
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it('refusals are recorded as denied, with the route and the reason', async () => {
    const emp = await t.login('hrb.employee');
    expect((await emp.get('/api/users')).statusCode).toBe(403);
    const aud = await t.login('auditadmin');
    const denied = (await aud.get('/api/audit?result=denied')).json().items;
    expect(denied[0]).toMatchObject({ username: 'hrb.employee', action: 'access.denied', objectId: 'GET /api/users', after: { reason: 'forbidden' } });
  });

  it('text the database cannot store is refused before it reaches the trail, so the chain stays whole', async () => {
    const res = await t.anon.request({ method: 'POST', url: '/api/auth/login', payload: '{"username":"x\\ud800","password":"p"}', headers: { 'content-type': 'application/json' } });
    expect(res.json().error.code).toBe('text_invalid');
    const nul = await t.anon.request({ method: 'POST', url: '/api/auth/login', payload: '{"username":"x\\u0000y","password":"p"}', headers: { 'content-type': 'application/json' } });
    expect(nul.json().error.code).toBe('text_invalid');
    expect((await verifyAuditChain(t.database.db)).ok).toBe(true);
  });

  it('exports the filtered log as a background job whose file only its starter can download', async () => {
    const aud = await t.login('auditadmin');
    const job = (await aud.post('/api/audit/export', { action: 'auth.login' })).json();
    expect(job.status).toBe('queued');
    await new JobRunner(t.database.db).tick();
    const done = (await aud.get(`/api/jobs/${job.id}`)).json();
    expect(done).toMatchObject({ status: 'done', progress: 100, result: { truncated: false } });
    const file = await aud.get(`/api/files/${done.result.fileId}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(6).value).toBe('操作');
    expect(ws.actualRowCount - 1).toBe(done.result.rows);
    expect(new Set(ws.getColumn(6).values.slice(2))).toEqual(new Set(['auth.login']));
    expect((await (await t.login('sysadmin')).get(`/api/files/${done.result.fileId}`)).statusCode).toBe(404);
    expect((await (await t.login('sysadmin')).get(`/api/jobs/${job.id}`)).statusCode).toBe(404);
  });

  it('the database itself refuses UPDATE, DELETE and TRUNCATE on the audit table', async () => {
    const refusal = async (q: ReturnType<typeof sql>) => {
      const e = await t.database.db.execute(q).then(() => undefined, (err: Error & { cause?: Error }) => err.cause?.message ?? err.message);
      return e ?? 'accepted';
    };
    expect(await refusal(sql`update audit_log set action = 'forged' where id = (select min(id) from audit_log)`)).toMatch(/append-only: UPDATE refused/);
    expect(await refusal(sql`delete from audit_log where id = (select min(id) from audit_log)`)).toMatch(/append-only: DELETE refused/);
    expect(await refusal(sql`truncate audit_log`)).toMatch(/append-only: TRUNCATE refused/);
  });

  it('the chain verifies, and a record altered behind the app’s back is named', async () => {
    const ok = await verifyAuditChain(t.database.db);
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThan(5);
    // An attacker with superuser rights disables the trigger and edits one record.
    const victim = (await t.database.db.execute(sql`select id from audit_log order by id offset 3 limit 1`)).rows[0] as { id: number };
    await t.database.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await t.database.db.execute(sql`update audit_log set username = 'someone_else' where id = ${victim.id}`);
    await t.database.db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    const broken = await verifyAuditChain(t.database.db);
    expect(broken).toMatchObject({ ok: false, firstBrokenId: Number(victim.id), reason: 'hash' });
  });
});
