import { sql } from 'drizzle-orm';
import type { ComplianceRow } from '@guanjia/contracts';
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
  const all = await one<Omit<ComplianceRow, 'rate'>>(db, sql`select ${unit.id}::int as "unitId", ${unit.name}::text as name, ${unit.kind}::text as kind, ${AGG}
    from office_room_compliance(${date}::date, ${unit.path}) c`);
  const children = await rows<Omit<ComplianceRow, 'rate'>>(db, sql`with c as (select c.*, g.path from office_room_compliance(${date}::date, ${unit.path}) c join org_units g on g.id = c.org_unit_id)
    select ch.id as "unitId", ch.name, ch.kind, ${AGG}
    from org_units ch left join c on c.path like ch.path || '%'
    where ch.parent_id = ${unit.id} and ch.kind in ('region', 'organ') and ch.active
    group by ch.id, ch.name, ch.kind, ch.sort order by ch.kind desc, ch.sort, ch.id`);
  return { unit: withRate(all!), children: children.map(withRate), date };
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
    const r = await one<{ n: number; area: number }>(db, sql`select count(*)::int as n, coalesce(sum(r.usable_area), 0)::float8 as area
      from office_room_uses u join office_rooms r on r.id = u.room_id join org_units g on g.id = u.org_unit_id
      where u.during @> ${q.to}::date and u.status = 'vacant' and g.path like ${`${q.path}%`}`);
    const any = await one<{ n: number }>(db, sql`select count(*)::int as n from office_rooms r join org_units g on g.id = r.org_unit_id where g.path like ${`${q.path}%`}`);
    return !any || any.n === 0 ? null : r!.area;
  },
});
