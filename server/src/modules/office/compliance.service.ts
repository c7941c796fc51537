import { sql } from 'drizzle-orm';
import type { ComplianceRow } from '@guanjia/contracts/office';
import { registerMetric } from '../../kernel/metrics/metrics';
import { notFound } from '../../kernel/http/errors';
import type { Db } from '../../db/client';
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
/** The same figures as stored in the kept summary (numeric, not float). */
const AGG_KEEP = sql`count(c.room_id) filter (where c.verdict <> 'unoccupied')::int, count(*) filter (where c.verdict = 'compliant')::int,
  count(*) filter (where c.verdict = 'over')::int, count(*) filter (where c.verdict = 'no_standard')::int, coalesce(sum(c.over_area), 0),
  coalesce(sum(c.usable_area) filter (where c.verdict <> 'unoccupied'), 0), coalesce(sum(c.allowed), 0)`;

const withRate = <T extends { offices: number; compliant: number }>(r: T) => ({ ...r, rate: r.offices === 0 ? null : Math.round((r.compliant / r.offices) * 10000) / 100 });

type PerUnit = Omit<ComplianceRow, 'rate' | 'unitId' | 'name' | 'kind'> & { path: string };
/** Key of the advisory lock writers hold shared (trigger office_compliance_forget) and the filler exclusively. */
const CACHE_LOCK = 7302513;
const CACHE_COLUMNS = sql`g.path, c.offices, c.compliant, c."over", c.no_standard as "noStandard", c.over_area::float8 as "overArea",
  c.usable_area::float8 as "usableArea", c.entitlement::float8 as entitlement`;

/**
 * The engine's figures on a day, per using organ under a path. Read from the kept summary
 * (office_compliance_cache) when that day is kept; otherwise a province or prefecture fills the
 * day for the whole province once (one engine run, ~3,000 rows kept) and reads it, and a smaller
 * subtree runs the engine for its own rooms only. Writers forget changed days (migration 0013).
 */
export async function compliancePerUnit(db: Q, date: string, path: string): Promise<PerUnit[]> {
  const read = () => rows<PerUnit>(db, sql`select ${CACHE_COLUMNS} from office_compliance_cache c join org_units g on g.id = c.org_unit_id
    where c.day = ${date}::date and g.path like ${`${path}%`}`);
  if (await one(db, sql`select 1 as x from office_compliance_days where day = ${date}::date`)) return read();
  const wide = path.split('/').filter(Boolean).length <= 2;
  if (wide) {
    const tx = db as Db;
    const kept = await tx.transaction(async (t) => {
      // Only when no writer is in flight: the snapshot below then holds every committed change, and
      // writers wait until the day is kept (their trigger forgets it again if they change it).
      const got = await one<{ ok: boolean }>(t, sql`select pg_try_advisory_xact_lock(${CACHE_LOCK}) as ok`);
      if (!got?.ok) return false;
      const fresh = await t.execute(sql`insert into office_compliance_days (day) values (${date}::date) on conflict do nothing returning day`);
      if (fresh.rows.length > 0) {
        await t.execute(sql`insert into office_compliance_cache (day, org_unit_id, offices, compliant, "over", no_standard, over_area, usable_area, entitlement)
          select ${date}::date, c.org_unit_id, ${AGG_KEEP} from office_room_compliance(${date}::date, '/') c group by c.org_unit_id`);
      }
      return true;
    });
    if (kept) return read();
  }
  return rows<PerUnit>(db, sql`select g.path, ${AGG} from office_room_compliance(${date}::date, ${path}) c join org_units g on g.id = c.org_unit_id group by g.path`);
}

/**
 * The compliance of a unit's subtree and of each of its children (regions and organs), for the
 * drill-down province → prefecture → county → organ; rooms come from the room list.
 */
export async function complianceSummary(db: Q, scope: DataScope, unitId: number, date: string) {
  await scope.assert(db, unitId);
  const unit = await one<{ id: number; name: string; kind: string; path: string }>(db, sql`select id, name, kind, path from org_units where id = ${unitId}`);
  if (!unit) throw notFound();
  // The engine's figures per using unit (kept or computed once), summed into the unit and each child by path.
  const perUnit = await compliancePerUnit(db, date, unit.path);
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
// Their cache follows the office tables but not the kept summary: keeping a day's figures changes no
// figure, and every change that does (rooms, uses, occupants, ranks, standards) is a write to a source.
const METRIC_SOURCES = ['office\\_%', '!office\\_compliance\\_cache', '!office\\_compliance\\_days'];
/** A subtree's totals on a day from the engine's per-unit figures (kept summary when there is one). */
async function totals(db: Q, date: string, path: string) {
  const per = await compliancePerUnit(db, date, path);
  return per.reduce((a, x) => ({ offices: a.offices + x.offices, compliant: a.compliant + x.compliant, overArea: a.overArea + x.overArea }), { offices: 0, compliant: 0, overArea: 0 });
}

registerMetric({
  key: 'office.compliance_rate', monthly: false, sources: METRIC_SOURCES, nameZh: '办公室面积达标率', nameEn: 'Offices within the area standard', unit: '%', better: 'higher',
  async compute(db, q) {
    const r = await totals(db, q.to, q.path);
    return r.offices === 0 ? null : Math.round((r.compliant / r.offices) * 10000) / 100;
  },
});
registerMetric({
  key: 'office.over_standard_area', monthly: false, sources: METRIC_SOURCES, nameZh: '办公室超标面积', nameEn: 'Office area over the standard', unit: 'm²', better: 'lower',
  async compute(db, q) {
    const r = await totals(db, q.to, q.path);
    return r.offices === 0 ? null : Math.round(r.overArea * 100) / 100;
  },
});
registerMetric({
  key: 'office.vacant_area', monthly: false, sources: METRIC_SOURCES, nameZh: '空置办公用房面积', nameEn: 'Vacant office-space area', unit: 'm²', better: 'lower',
  async compute(db, q) {
    const r = await one<{ n: number; area: number }>(db, sql`select count(*)::int as n, coalesce(sum(v.usable_area), 0)::float8 as area
      from office_room_uses u join office_room_versions v on v.room_id = u.room_id and v.during @> ${q.to}::date join org_units g on g.id = u.org_unit_id
      where u.during @> ${q.to}::date and u.status = 'vacant' and g.path like ${`${q.path}%`}`);
    const any = await one<{ n: number }>(db, sql`select count(*)::int as n from office_rooms r join org_units g on g.id = r.org_unit_id where g.path like ${`${q.path}%`}`);
    return !any || any.n === 0 ? null : r!.area;
  },
});
