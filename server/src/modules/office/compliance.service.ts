import { sql } from 'drizzle-orm';
import type { ComplianceRow } from '@guanjia/contracts/office';
import { registerMetric } from '../../kernel/metrics/metrics';
import { notFound } from '../../kernel/http/errors';
import type { DataScope } from '../../kernel/org/scope';
import { one, rows, type Q } from './registry.service';

/** Aggregates of the engine's room verdicts, for any set of rooms. */
const AGG = sql`count(c.room_id) filter (where c.verdict <> 'unoccupied')::int as offices,
  count(*) filter (where c.verdict = 'compliant')::int as compliant,
  count(*) filter (where c.verdict = 'over')::int as "over",
  count(*) filter (where c.verdict = 'no_standard')::int as "noStandard",
  coalesce(sum(c.over_area), 0)::float8 as "overArea",
  coalesce(sum(c.usable_area) filter (where c.verdict <> 'unoccupied'), 0)::float8 as "usableArea",
  coalesce(sum(c.allowed), 0)::float8 as entitlement`;

const withRate = <T extends { offices: number; compliant: number }>(r: T) => ({ ...r, rate: r.offices === 0 ? null : Math.round((r.compliant / r.offices) * 10000) / 100 });

/**
 * The compliance of a unit's subtree and of each of its children (regions and organs), for the
 * drill-down province → prefecture → county → organ; rooms come from the room list.
 */
export async function complianceSummary(db: Q, scope: DataScope, unitId: number, date: string) {
  await scope.assert(db, unitId);
  const unit = await one<{ id: number; name: string; kind: string; path: string }>(db, sql`select id, name, kind, path from org_units where id = ${unitId}`);
  if (!unit) throw notFound();
  // The engine runs once: figures per using unit, then summed into the unit and each child by path.
  const perUnit = await rows<Omit<ComplianceRow, 'rate' | 'unitId' | 'name' | 'kind'> & { path: string }>(db, sql`select g.path, ${AGG}
    from office_room_compliance(${date}::date, ${unit.path}) c join org_units g on g.id = c.org_unit_id group by g.path`);
  // 服务用房 per head, organ by organ, summed the same way.
  const service = await rows<{ path: string; area: number; n: number; allowed: number | null; over: number | null; verdict: string; perHead: number | null; min: number | null; max: number | null }>(db, sql`
    select g.path, s.service_area::float8 as area, s.headcount as n, s.allowed::float8 as allowed, s.over_area::float8 as "over", s.verdict,
      s.per_head::float8 as "perHead", s.min_m2::float8 as min, s.max_m2::float8 as max
    from office_service_compliance(${date}::date, ${unit.path}) s join org_units g on g.id = s.org_unit_id`);
  const children = await rows<{ unitId: number; name: string; kind: string; path: string }>(db, sql`select id as "unitId", name, kind, path from org_units
    where parent_id = ${unit.id} and kind in ('region', 'organ') and active order by kind desc, sort, id`);
  const sum = (u: { unitId: number; name: string; kind: string; path: string }) => {
    const r = { unitId: u.unitId, name: u.name, kind: u.kind, offices: 0, compliant: 0, over: 0, noStandard: 0, overArea: 0, usableArea: 0, entitlement: 0,
      serviceArea: 0, serviceHeadcount: 0, serviceAllowed: 0, serviceOverOrgans: 0, serviceOverArea: 0 };
    for (const x of perUnit) {
      if (!x.path.startsWith(u.path)) continue;
      r.offices += x.offices; r.compliant += x.compliant; r.over += x.over; r.noStandard += x.noStandard;
      r.overArea += x.overArea; r.usableArea += x.usableArea; r.entitlement += x.entitlement;
    }
    for (const x of service) {
      if (!x.path.startsWith(u.path) || x.allowed === null || x.over === null) continue;
      r.serviceArea += x.area; r.serviceHeadcount += x.n; r.serviceAllowed += x.allowed; r.serviceOverArea += x.over;
      if (x.verdict === 'over') r.serviceOverOrgans += 1;
    }
    for (const k of ['overArea', 'usableArea', 'entitlement', 'serviceArea', 'serviceAllowed', 'serviceOverArea'] as const) r[k] = Math.round(r[k] * 100) / 100;
    const own = u.kind === 'organ' ? service.find((x) => x.path === u.path) : undefined;
    return { ...withRate(r), ...(own ? { servicePerHead: own.perHead, serviceMin: own.min, serviceMax: own.max } : {}) };
  };
  return { unit: sum({ unitId: unit.id, name: unit.name, kind: unit.kind, path: unit.path }), children: children.map(sum), date };
}

/** Live metrics for plans and the cockpit: computed by the same engine for any subtree and day. */
registerMetric({
  key: 'office.compliance_rate', nameZh: '办公室面积达标率', nameEn: 'Offices within the area standard', unit: '%', better: 'higher',
  async compute(db, q) {
    const r = await one<{ offices: number; compliant: number }>(db, sql`select count(*) filter (where verdict <> 'unoccupied')::int as offices,
      count(*) filter (where verdict = 'compliant')::int as compliant from office_room_compliance(${q.to}::date, ${q.path})`);
    return !r || r.offices === 0 ? null : Math.round((r.compliant / r.offices) * 10000) / 100;
  },
});
registerMetric({
  key: 'office.over_standard_area', nameZh: '办公室超标面积', nameEn: 'Office area over the standard', unit: 'm²', better: 'lower',
  async compute(db, q) {
    const r = await one<{ offices: number; over: number }>(db, sql`select count(*) filter (where verdict <> 'unoccupied')::int as offices,
      coalesce(sum(over_area), 0)::float8 as "over" from office_room_compliance(${q.to}::date, ${q.path})`);
    return !r || r.offices === 0 ? null : r.over;
  },
});
registerMetric({
  key: 'office.vacant_area', nameZh: '空置办公用房面积', nameEn: 'Vacant office-space area', unit: 'm²', better: 'lower',
  async compute(db, q) {
    const r = await one<{ n: number; area: number }>(db, sql`select count(*)::int as n, coalesce(sum(v.usable_area), 0)::float8 as area
      from office_room_uses u join office_room_versions v on v.room_id = u.room_id and v.during @> ${q.to}::date join org_units g on g.id = u.org_unit_id
      where u.during @> ${q.to}::date and u.status = 'vacant' and g.path like ${`${q.path}%`}`);
    const any = await one<{ n: number }>(db, sql`select count(*)::int as n from office_rooms r join org_units g on g.id = r.org_unit_id where g.path like ${`${q.path}%`}`);
    return !any || any.n === 0 ? null : r!.area;
  },
});
