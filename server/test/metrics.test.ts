import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { registerMetric } from '../src/kernel/metrics/metrics';
import { testApp, unitId, type TestApp } from './helpers';

// A metric computed from kernel data: how many organs lie in the subtree.
registerMetric({
  key: 'test.organs',
  nameZh: '机关数', nameEn: 'Organs', unit: '个', better: 'higher',
  async compute(db, q) {
    const r = await db.execute(sql`select count(*)::int as n from org_units where kind = 'organ' and path like ${`${q.path}%`}`);
    const n = (r.rows[0] as { n: number }).n;
    return n === 0 ? null : n;
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('live metrics registry', () => {
  it('lists registered metrics', async () => {
    const res = await (await t.login('hlj.staff')).get('/api/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toContainEqual({ key: 'test.organs', module: 'test', nameZh: '机关数', nameEn: 'Organs', unit: '个', better: 'higher' });
  });

  it('computes for a subtree, and a smaller subtree gives a smaller figure', async () => {
    const staff = await t.login('hlj.staff');
    const province = await unitId(t.database, '230000');
    const harbin = await unitId(t.database, '230100');
    const q = (u: number) => `/api/metrics/values?keys=test.organs&unitId=${u}&from=2025-01-01&to=2025-12-31`;
    const all = (await staff.get(q(province))).json()[0].value as number;
    const hrb = (await staff.get(q(harbin))).json()[0].value as number;
    expect(hrb).toBeGreaterThan(0);
    expect(all).toBeGreaterThan(hrb);
    // Adding an organ under Harbin raises Harbin's figure by exactly one.
    const admin = await t.login('hrb.sysadmin');
    const created = await admin.post('/api/org/units', { kind: 'organ', parentId: harbin, name: '哈尔滨市测试局', organLevel: 'prefectural' });
    expect(created.statusCode, created.body).toBe(200);
    expect((await staff.get(q(harbin))).json()[0].value).toBe(hrb + 1);
  });

  it('answers 404 outside the data scope and 400 for an unknown metric or reversed period', async () => {
    const hrb = await t.login('hrb.staff');
    const province = await unitId(t.database, '230000');
    const harbin = await unitId(t.database, '230100');
    expect((await hrb.get(`/api/metrics/values?keys=test.organs&unitId=${province}&from=2025-01-01&to=2025-12-31`)).statusCode).toBe(404);
    const bad = await hrb.get(`/api/metrics/values?keys=test.organs,nope.x&unitId=${harbin}&from=2025-01-01&to=2025-12-31`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('nope.x');
    expect((await hrb.get(`/api/metrics/values?keys=test.organs&unitId=${harbin}&from=2025-12-31&to=2025-01-01`)).statusCode).toBe(400);
  });

  it('is not open to employees', async () => {
    const emp = await t.login('hrb.employee');
    expect((await emp.get('/api/metrics')).statusCode).toBe(403);
  });

  it("writers in two sessions bump a source table's version without waiting for each other", async () => {
    const db = t.database.db;
    const version = async () => Number(((await db.execute(sql`select coalesce(sum(version), 0)::text as v from metric_source_versions where table_name = 'org_units'`)).rows[0] as { v: string }).v);
    // A statement-level trigger fires even when no row matches: a cheap way to write "to" the table.
    const touch = sql`update org_units set sort = sort where id = -1`;
    const before = await version();
    if (t.database.kind === 'postgres') {
      // Session A holds its write open while session B writes the same table and commits: with one
      // shared counter row B would wait for A (here: fail on the lock timeout); per-session rows do not.
      await db.transaction(async (a) => {
        await a.execute(touch);
        await db.transaction(async (b) => {
          await b.execute(sql`set local lock_timeout = '3s'`);
          await b.execute(touch);
        });
      });
    } else {
      // The embedded database has one session: the two writes run one after the other.
      await db.execute(touch);
      await db.execute(touch);
    }
    expect(await version()).toBe(before + 2);
  });
});

