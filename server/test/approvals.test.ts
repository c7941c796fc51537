import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { submitApproval } from '../src/kernel/approvals/approvals.service';
import { registerWorkflow } from '../src/kernel/approvals/workflows';
import { testApp, type Client, type TestApp } from './helpers';

// A three-step workflow as a module would register it: the applicant's organ, then the bureau of
// its prefecture, then the province bureau. Approval writes the module's row in the same transaction.
registerWorkflow({
  type: 'test.space_request',
  nameZh: '用房申请(测试)',
  nameEn: 'Space request (test)',
  objectType: 'test_request',
  steps: [
    { nameZh: '单位审核', nameEn: 'Organ review', role: 'organ_admin', target: 'applicant_organ' },
    { nameZh: '市局审核', nameEn: 'Prefecture bureau review', role: 'bureau_staff', target: 'applicant_region' },
    { nameZh: '省局审批', nameEn: 'Province bureau approval', role: 'bureau_staff', target: 'region_above' },
  ],
  onApproved: async (tx, req) => {
    if (req.title.includes('FAIL')) throw new Error('module refused');
    await tx.execute(sql`insert into ranks (code, name_zh, name_en, sort) values (${`approved_${req.objectId}`}, '批准', 'approved', 100)`);
  },
});

let t: TestApp;
let applicant: { userId: number; orgUnitId: number; username: string };
beforeAll(async () => {
  t = await testApp();
  const r = await t.database.db.execute(sql`select id, org_unit_id from users where username = 'hrb.employee'`);
  const row = r.rows[0] as { id: number; org_unit_id: number };
  applicant = { userId: row.id, orgUnitId: row.org_unit_id, username: 'hrb.employee' };
});
afterAll(() => t.close());

const submit = (objectId: string, title = '申请 2 间办公室') =>
  t.database.db.transaction((tx) => submitApproval(tx, { ...applicant, ip: '127.0.0.1' }, { workflow: 'test.space_request', objectId, title }));

async function decide(c: Client, id: number, decision: 'approve' | 'reject' | 'return', comment?: string) {
  const version = (await c.get(`/api/approvals/${id}`)).json().version as number;
  return c.post(`/api/approvals/${id}/decide`, { decision, version, ...(comment ? { comment } : {}) });
}

const approvedRank = async (objectId: string) =>
  (await t.database.db.execute(sql`select count(*)::int as n from ranks where code = ${`approved_${objectId}`}`)).rows[0] as { n: number };

describe('approvals engine', () => {
  it('walks three steps, each in the right inbox, and runs the module callback on the final approval', async () => {
    const id = await submit('A1');
    const organ = await t.login('hrb.organ');
    const city = await t.login('hrb.staff');
    const prov = await t.login('hlj.staff');
    const other = await t.login('qqhr.staff');

    expect((await organ.get('/api/approvals/inbox')).json().items.map((x: { id: number }) => x.id)).toContain(id);
    expect((await city.get('/api/approvals/inbox')).json().total).toBe(0);
    expect((await decide(city, id, 'approve')).json().error.code).toBe('approval_not_yours');
    expect((await decide(organ, id, 'approve', '同意')).statusCode).toBe(200);

    expect((await city.get('/api/approvals/inbox')).json().items[0]).toMatchObject({ id, stepIndex: 1, stepNameZh: '市局审核', canDecide: true });
    expect((await other.get('/api/approvals/inbox')).json().total).toBe(0);
    expect((await other.get(`/api/approvals/${id}`)).statusCode).toBe(404);
    expect((await decide(city, id, 'approve')).statusCode).toBe(200);
    expect((await approvedRank('A1')).n).toBe(0);

    const final = await decide(prov, id, 'approve', '批准');
    expect(final.json()).toMatchObject({ status: 'approved', canDecide: false });
    expect(final.json().timeline.map((a: { action: string }) => a.action)).toEqual(['submit', 'approve', 'approve', 'approve']);
    expect((await approvedRank('A1')).n).toBe(1);

    const emp = await t.login('hrb.employee');
    const inbox = (await emp.get('/api/notifications')).json().items;
    expect(inbox[0].title).toBe('审批结果:申请 2 间办公室');
    expect(inbox[0].body).toContain('已通过');
    expect((await organ.get('/api/notifications')).json().items.some((n: { title: string }) => n.title.startsWith('待审批'))).toBe(true);
  });

  it('reject ends it; return sends it back to the applicant, who resubmits into step one', async () => {
    const organ = await t.login('hrb.organ');
    const emp = await t.login('hrb.employee');
    const rejected = await submit('R1');
    // Without a reason nothing happens: the applicant would not learn why.
    for (const decision of ['reject', 'return'] as const) {
      const bare = await decide(organ, rejected, decision, '   ');
      expect(bare.statusCode).toBe(400);
      expect(bare.json().error).toMatchObject({ code: 'approval_reason_required' });
      expect(bare.json().error.message).toContain('原因');
    }
    expect((await organ.get(`/api/approvals/${rejected}`)).json()).toMatchObject({ status: 'pending', stepIndex: 0 });
    expect((await decide(organ, rejected, 'reject', '面积超标')).json().status).toBe('rejected');
    expect((await decide(organ, rejected, 'approve')).json().error.code).toBe('approval_not_pending');

    const returned = await submit('R2');
    expect((await decide(organ, returned, 'return', '请补充附件')).json().status).toBe('returned');
    expect((await emp.get('/api/approvals/mine')).json().items.find((x: { id: number }) => x.id === returned).status).toBe('returned');
    expect((await emp.post(`/api/approvals/${returned}/resubmit`)).statusCode).toBe(200);
    expect((await organ.get(`/api/approvals/${returned}`)).json()).toMatchObject({ status: 'pending', stepIndex: 0, canDecide: true });
  });

  it('four eyes: the applicant cannot decide their own request, nor one person two of its steps', async () => {
    // hrb.organ applies; it holds organ_admin over its own organ, the first step's approver.
    const r = await t.database.db.execute(sql`select id, org_unit_id from users where username = 'hrb.organ'`);
    const u = r.rows[0] as { id: number; org_unit_id: number };
    const own = await t.database.db.transaction((tx) => submitApproval(tx, { userId: u.id, orgUnitId: u.org_unit_id, username: 'hrb.organ', ip: '127.0.0.1' }, { workflow: 'test.space_request', objectId: 'OWN', title: '自己的申请' }));
    const organ = await t.login('hrb.organ');
    expect((await organ.get('/api/approvals/inbox')).json().items.some((x: { id: number }) => x.id === own)).toBe(false);
    expect((await decide(organ, own, 'approve')).json().error.code).toBe('approval_not_yours');
    // The province bureau may act on step two for Harbin, but not again on step three after that.
    const id = await submit('FE');
    await decide(organ, id, 'approve');
    const prov = await t.login('hlj.staff');
    expect((await decide(prov, id, 'approve')).statusCode).toBe(200);
    expect((await prov.get(`/api/approvals/${id}`)).json()).toMatchObject({ stepIndex: 2, canDecide: false });
    expect((await decide(prov, id, 'approve')).json().error.code).toBe('approval_not_yours');
  });

  it('if the module callback fails, the final decision does not happen at all', async () => {
    const id = await submit('F1', 'FAIL 回调失败');
    for (const u of ['hrb.organ', 'hrb.staff']) await decide(await t.login(u), id, 'approve');
    const prov = await t.login('hlj.staff');
    expect((await decide(prov, id, 'approve')).statusCode).toBe(500);
    expect((await prov.get(`/api/approvals/${id}`)).json()).toMatchObject({ status: 'pending', stepIndex: 2 });
  });

  it('two approvers acting at once on the same step: exactly one wins', async () => {
    const id = await submit('C1');
    await decide(await t.login('hrb.organ'), id, 'approve');
    // Step two: the Harbin bureau and the province bureau (whose scope covers Harbin) both may decide.
    const a = await t.login('hrb.staff');
    const b = await t.login('hlj.staff');
    const version = (await a.get(`/api/approvals/${id}`)).json().version as number;
    const results = await Promise.all([
      a.post(`/api/approvals/${id}/decide`, { decision: 'approve', version }),
      b.post(`/api/approvals/${id}/decide`, { decision: 'reject', comment: '面积超标', version }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const actions = await t.database.db.execute(sql`select count(*)::int as n from approval_actions where request_id = ${id} and step_index = 1`);
    expect((actions.rows[0] as { n: number }).n).toBe(1);
  });
});
