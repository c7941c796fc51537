import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp, type Client, type TestApp } from '../../../test/helpers';
import { shanghaiDay } from './time';

let t: TestApp;
let cook: Client;
let staff: Client;
let canteenId: number;
const month = shanghaiDay(new Date()).slice(0, 7);
const q = async <T>(s: ReturnType<typeof sql>) => (await t.database.db.execute(s)).rows as T[];
const credited = async (batch: number) => (await q<{ n: number }>(sql`select count(*)::int as n from canteen_ledger where key like ${`subsidy:${batch}:%`}`))[0]!.n;
interface Batch { id: number; status: string; people: number; totalFen: number; approvalId: number; returnComment?: string | null }

beforeAll(async () => {
  t = await testApp();
  cook = await t.login('hlj.canteen');
  staff = await t.login('hlj.staff');
  const emp = await t.login('hlj.employee');
  canteenId = ((await emp.get('/api/canteen/my/canteens')).json() as { id: number }[])[0]!.id;
});
afterAll(() => t.close());

const decide = async (approvalId: number, decision: 'approve' | 'return' | 'reject', comment: string) => {
  const ap = (await staff.get(`/api/approvals/${approvalId}`)).json() as { version: number };
  return staff.post(`/api/approvals/${approvalId}/decide`, { decision, version: ap.version, comment });
};
const listed = async (id: number) => ((await cook.get('/api/canteen/subsidy-batches')).json() as Batch[]).find((b) => b.id === id)!;

describe('a returned subsidy batch', () => {
  it('is no longer pending; corrected and resubmitted it is approved and credits the corrected lines once', async () => {
    const batch = (await cook.post('/api/canteen/subsidy-batches', { canteenId, month })).json() as Batch;
    expect(batch.status).toBe('pending');
    expect((await decide(batch.approvalId, 'return', '退休人员补贴标准有误,请更正')).statusCode).toBe(200);
    const returned = await listed(batch.id);
    expect(returned).toMatchObject({ status: 'returned', returnComment: '退休人员补贴标准有误,请更正' });
    // The correction: retirees' monthly subsidy from ¥100 to ¥120; the canteen resubmits.
    const canteen = ((await cook.get('/api/canteen/canteens')).json() as { id: number; categories: Record<string, unknown>[] }[]).find((c) => c.id === canteenId)!;
    const categories = canteen.categories.map(({ id: _id, ...k }) => (k.code === 'retiree' ? { ...k, monthlySubsidyFen: 12000 } : k));
    expect((await cook.put(`/api/canteen/canteens/${canteenId}/categories`, categories)).statusCode).toBe(200);
    const retirees = (await q<{ n: number }>(sql`select count(*)::int as n from canteen_diners d join canteen_diner_categories k on k.id = d.category_id where d.canteen_id = ${canteenId} and k.code = 'retiree'`))[0]!.n;
    const again = await cook.post(`/api/canteen/subsidy-batches/${batch.id}/resubmit`, { comment: '已更正退休人员标准' });
    expect(again.statusCode).toBe(200);
    const resubmitted = again.json() as Batch;
    expect(resubmitted).toMatchObject({ id: batch.id, status: 'pending' });
    expect(resubmitted.totalFen).toBe(batch.totalFen + retirees * 2000);
    expect(resubmitted.approvalId).not.toBe(batch.approvalId);
    // The returned request is withdrawn (not resubmittable, not in any queue); the new one carries the corrected figures.
    const old = (await staff.get(`/api/approvals/${batch.approvalId}`)).json() as { status: string };
    expect(old.status).toBe('withdrawn');
    expect((await decide(batch.approvalId, 'approve', '同意')).statusCode).toBe(409);
    expect((await cook.post(`/api/canteen/subsidy-batches/${batch.id}/resubmit`, {})).statusCode).toBe(409);
    expect((await decide(resubmitted.approvalId, 'approve', '同意')).statusCode).toBe(200);
    expect(await listed(batch.id)).toMatchObject({ status: 'approved' });
    expect(await credited(batch.id)).toBe(resubmitted.people);
    const [sum] = await q<{ s: number }>(sql`select sum(amount_fen)::int as s from canteen_ledger where key like ${`subsidy:${batch.id}:%`}`);
    expect(sum!.s).toBe(resubmitted.totalFen);
    const audit = await q<{ action: string }>(sql`select action from audit_log where object_type = 'canteen_subsidy_batch' and object_id = ${String(batch.id)} and action like 'canteen.%' order by id`);
    expect(audit.map((a) => a.action)).toEqual(['canteen.subsidy.start', 'canteen.subsidy.resubmit']);
  });

  it('can be cancelled instead: nothing is credited, the month is free for a new batch; only a returned batch', async () => {
    const next = `${Number(month.slice(0, 4)) + 1}${month.slice(4)}`;
    const batch = (await cook.post('/api/canteen/subsidy-batches', { canteenId, month: next })).json() as Batch;
    // Pending: neither resubmitted nor cancelled.
    expect((await cook.post(`/api/canteen/subsidy-batches/${batch.id}/cancel`, {})).statusCode).toBe(409);
    expect((await decide(batch.approvalId, 'return', '本月不发放')).statusCode).toBe(200);
    // Another city's canteen staff cannot touch it.
    const hrb = await t.login('hrb.canteen');
    expect((await hrb.post(`/api/canteen/subsidy-batches/${batch.id}/cancel`, {})).statusCode).toBe(404);
    const cancelled = await cook.post(`/api/canteen/subsidy-batches/${batch.id}/cancel`, { comment: '按局里意见不发放' });
    expect(cancelled.statusCode).toBe(200);
    expect(await listed(batch.id)).toMatchObject({ status: 'cancelled' });
    expect(((await staff.get(`/api/approvals/${batch.approvalId}`)).json() as { status: string }).status).toBe('withdrawn');
    expect(await credited(batch.id)).toBe(0);
    const [a] = await q<{ before: { status: string }; after: { status: string; reason: string } }>(sql`select before, after from audit_log where action = 'canteen.subsidy.cancel' and object_id = ${String(batch.id)}`);
    expect(a).toMatchObject({ before: { status: 'returned' }, after: { status: 'cancelled', reason: '按局里意见不发放' } });
    // The month may be started again.
    expect((await cook.post('/api/canteen/subsidy-batches', { canteenId, month: next })).statusCode).toBe(200);
  });
});
