import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { ReportRow } from '@guanjia/contracts/energy';
import type { Db, Tx } from '../../db/client';
import { today as shanghaiToday } from '../../kernel/excel/reply';
import { conflict, invalid, notFound } from '../../kernel/http/errors';
import { notify } from '../../kernel/notifications/notifications.service';
import { energyPeriods, energyReports } from './energy.schema';
import { compute, indicatorsOf } from './indicators';

/**
 * The reporting chain (填报 → 上报 → 审核 → 汇总 → 逐级上报): an institution's report is reviewed by
 * the bureau of its nearest region; a region's roll-up, once every reporter directly below it is
 * accepted, is reviewed by the region above. Submitted and accepted reports lock their months (a
 * database trigger refuses every change); a return, with its reason, unlocks them.
 */
export type Period = typeof energyPeriods.$inferSelect;

export async function getPeriod(db: Db | Tx, id: number): Promise<Period> {
  const [p] = await db.select().from(energyPeriods).where(eq(energyPeriods.id, id));
  if (!p) throw notFound();
  return p;
}

export function periodDates(kind: 'annual' | 'quarterly' | 'monthly', year: number, seq: number) {
  const pad = (n: number) => String(n).padStart(2, '0');
  const last = (m: number) => new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
  if (kind === 'annual') return { startsOn: `${year}-01-01`, endsOn: `${year}-12-31`, dueOn: `${year + 1}-03-31` };
  if (kind === 'quarterly') {
    if (seq > 4) throw invalid('validation', {}, 'body.seq');
    const m0 = (seq - 1) * 3 + 1;
    const endsOn = last(m0 + 2);
    const due = new Date(`${endsOn}T00:00:00Z`);
    due.setUTCDate(due.getUTCDate() + 20);
    return { startsOn: `${year}-${pad(m0)}-01`, endsOn, dueOn: due.toISOString().slice(0, 10) };
  }
  const endsOn = last(seq);
  const due = new Date(`${endsOn}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + 15);
  return { startsOn: `${year}-${pad(seq)}-01`, endsOn, dueOn: due.toISOString().slice(0, 10) };
}

interface UnitRow { id: number; kind: string; path: string; name: string; parent_id: number | null }

export async function unitRow(db: Db | Tx, id: number): Promise<UnitRow> {
  const r = await db.execute(sql`select id, kind, path, name, parent_id from org_units where id = ${id}`);
  const u = r.rows[0] as UnitRow | undefined;
  if (!u) throw notFound();
  return u;
}

/** The region whose bureau reviews this unit's report: an institution's nearest region, a region's parent. */
export async function reviewRegionOf(db: Db | Tx, u: UnitRow): Promise<number | null> {
  if (u.kind === 'region') return u.parent_id;
  const r = await db.execute(sql`select a.id from org_units a where ${u.path} like a.path || '%' and a.kind = 'region' and a.id <> ${u.id} order by length(a.path) desc limit 1`);
  return (r.rows[0] as { id: number } | undefined)?.id ?? null;
}

/** Reporters directly below a region: institutions whose nearest region it is, and child regions holding institutions. */
async function directReporters(db: Db | Tx, region: UnitRow): Promise<{ id: number; name: string }[]> {
  const r = await db.execute(sql`
    select u.id, u.name from energy_institutions i join org_units u on u.id = i.org_unit_id
    where i.active and u.path like ${`${region.path}%`}
      and (select a.id from org_units a where u.path like a.path || '%' and a.kind = 'region' and a.id <> u.id order by length(a.path) desc limit 1) = ${region.id}
    union all
    select c.id, c.name from org_units c where c.parent_id = ${region.id} and c.kind = 'region'
      and exists (select 1 from energy_institutions i join org_units u on u.id = i.org_unit_id where i.active and u.path like c.path || '%')`);
  return r.rows as { id: number; name: string }[];
}

/** Every reporter in a subtree with its status for the period: the "who has not reported" list. */
export async function listReports(db: Db | Tx, period: Period, root: UnitRow, status?: string): Promise<ReportRow[]> {
  const r = await db.execute(sql`
    with reporters as (
      select u.id, u.name, u.path, 'institution' as kind from energy_institutions i join org_units u on u.id = i.org_unit_id
      where i.active and u.path like ${`${root.path}%`}
      union all
      select c.id, c.name, c.path, 'region' from org_units c where c.kind = 'region' and c.path like ${`${root.path}%`}
        and exists (select 1 from energy_institutions i join org_units u on u.id = i.org_unit_id where i.active and u.path like c.path || '%')
    )
    select rp.id as org_unit_id, rp.name, rp.kind, r.id, coalesce(r.status, 'none') as status, r.return_reason, r.submitted_at, r.reviewed_at,
      coalesce(r.version, 0) as version, r.totals
    from reporters rp left join energy_reports r on r.org_unit_id = rp.id and r.period_id = ${period.id}
    order by rp.kind desc, rp.path`);
  const today = shanghaiToday();
  const rows = (r.rows as { org_unit_id: number; name: string; kind: 'institution' | 'region'; id: number | null; status: ReportRow['status']; return_reason: string | null;
    submitted_at: Date | string | null; reviewed_at: Date | string | null; version: number; totals: { totalTce: number; costYuan: number } | null }[])
    .map((x) => ({
      id: x.id, orgUnitId: x.org_unit_id, name: x.name, kind: x.kind, status: x.status, returnReason: x.return_reason,
      submittedAt: x.submitted_at ? new Date(x.submitted_at).toISOString() : null, reviewedAt: x.reviewed_at ? new Date(x.reviewed_at).toISOString() : null,
      overdue: today > period.dueOn && !['submitted', 'accepted'].includes(x.status), version: x.version, totals: x.totals,
    }));
  return status ? rows.filter((x) => x.status === status) : rows;
}

async function upsertReport(tx: Tx, unitId: number, periodId: number, values: Partial<typeof energyReports.$inferInsert>) {
  const [existing] = await tx.select().from(energyReports).where(and(eq(energyReports.orgUnitId, unitId), eq(energyReports.periodId, periodId))).for('update');
  if (existing && ['submitted', 'accepted'].includes(existing.status)) throw conflict('energy_report_not_open', { status: existing.status });
  if (existing) {
    const [row] = await tx.update(energyReports).set({ ...values, version: existing.version + 1 }).where(eq(energyReports.id, existing.id)).returning();
    return { before: existing, row: row! };
  }
  const [row] = await tx.insert(energyReports).values({ orgUnitId: unitId, periodId, ...values }).returning();
  return { before: null, row: row! };
}

async function reviewersOf(tx: Tx, regionId: number): Promise<number[]> {
  const r = await tx.execute(sql`select distinct ra.user_id from role_assignments ra join role_permissions rp on rp.role_id = ra.role_id and rp.permission = 'energy.review'
    join users u on u.id = ra.user_id where ra.scope_unit_id = ${regionId} and u.active`);
  return (r.rows as { user_id: number }[]).map((x) => x.user_id);
}

/** Submits an institution's own report (every month filled, denominators set) or a region's roll-up. */
export async function submitReport(tx: Tx, period: Period, unit: UnitRow, userId: number) {
  const isInstitution = (await tx.execute(sql`select 1 from energy_institutions where org_unit_id = ${unit.id} and active`)).rows.length > 0;
  if (isInstitution) {
    const months = await tx.execute(sql`select to_char(g, 'YYYY-MM') as m from generate_series(${period.startsOn}::date, ${period.endsOn}::date, interval '1 month') g
      where not exists (select 1 from energy_consumption c where c.org_unit_id = ${unit.id} and c.month = g::date)`);
    const missing = (months.rows as { m: string }[]).map((x) => x.m);
    if (missing.length) throw invalid('energy_report_incomplete', { months: missing.join(', ') });
    const d = await tx.execute(sql`select 1 from energy_denominators where org_unit_id = ${unit.id} and effective_from <= ${period.endsOn}::date`);
    if (!d.rows.length) throw invalid('energy_denominator_missing');
  } else {
    if (unit.kind !== 'region') throw invalid('energy_not_institution');
    const reporters = await directReporters(tx, unit);
    const accepted = new Set((await tx.execute(sql`select org_unit_id from energy_reports where period_id = ${period.id} and status = 'accepted'`)).rows.map((x) => (x as { org_unit_id: number }).org_unit_id));
    const open = reporters.filter((x) => !accepted.has(x.id));
    if (open.length) throw invalid('energy_rollup_incomplete', { units: open.slice(0, 10).map((x) => x.name).join('、'), count: open.length });
  }
  const c = await compute(tx, { path: unit.path, from: period.startsOn.slice(0, 7), to: period.endsOn.slice(0, 7), method: 'calorific', group: 'total' });
  const s = c.groups.get('total');
  const totals = s ? { totalTce: indicatorsOf(s, '').totalTce, costYuan: indicatorsOf(s, '').costYuan } : { totalTce: 0, costYuan: 0 };
  const res = await upsertReport(tx, unit.id, period.id, { status: 'submitted', isRollup: !isInstitution, totals, submittedBy: userId, submittedAt: new Date(), returnReason: null, reviewedAt: null, reviewedBy: null });
  const region = await reviewRegionOf(tx, unit);
  if (region) await notify(tx, await reviewersOf(tx, region), 'notify.energy.submitted', { unit: unit.name, year: period.year }, '/energy/review');
  return res;
}

/** Accept or return (with a reason) a submitted report; a return may also reopen an accepted one. */
export async function decideReport(tx: Tx, reportId: number, decision: 'accept' | 'return', version: number, reason: string | undefined, reviewerId: number, canReview: (regionId: number) => Promise<boolean>) {
  const [rep] = await tx.select().from(energyReports).where(eq(energyReports.id, reportId)).for('update');
  if (!rep) throw notFound();
  const unit = await unitRow(tx, rep.orgUnitId);
  const region = await reviewRegionOf(tx, unit);
  if (region === null || !(await canReview(region))) throw notFound();
  if (rep.submittedBy === reviewerId) throw conflict('energy_review_own');
  if (rep.version !== version) throw conflict();
  if (decision === 'accept' && rep.status !== 'submitted') throw conflict('energy_report_not_submitted');
  if (decision === 'return' && !['submitted', 'accepted'].includes(rep.status)) throw conflict('energy_report_not_submitted');
  if (decision === 'return' && !reason) throw invalid('energy_return_reason', {}, 'body.reason');
  if (decision === 'return' && rep.status === 'accepted') {
    // Reopening an institution below an accepted roll-up would change filed figures: return the roll-up first.
    const up = await tx.execute(sql`select 1 from energy_reports r join org_units a on a.id = r.org_unit_id
      where r.period_id = ${rep.periodId} and r.status in ('submitted','accepted') and r.is_rollup and ${unit.path} like a.path || '%' and a.id <> ${unit.id}`);
    if (up.rows.length) throw conflict('energy_rollup_filed');
  }
  const [row] = await tx.update(energyReports).set({
    status: decision === 'accept' ? 'accepted' : 'returned', returnReason: decision === 'return' ? reason! : null,
    reviewedBy: reviewerId, reviewedAt: new Date(), version: rep.version + 1,
  }).where(eq(energyReports.id, rep.id)).returning();
  const period = await getPeriod(tx, rep.periodId);
  if (rep.submittedBy) {
    await notify(tx, [rep.submittedBy], decision === 'accept' ? 'notify.energy.accepted' : 'notify.energy.returned',
      { unit: unit.name, year: period.year, reason: reason ?? '' }, '/energy/entry');
  }
  return { before: rep, row: row! };
}

/**
 * Reminders: every filler of an institution that has not submitted a period due within 7 days or
 * overdue; for one period (the 催报 button), only the institutions inside the reviewer's scope (`within`).
 */
export async function sendReminders(db: Db | Tx, today: string, periodId?: number, within?: SQL): Promise<number> {
  const r = await db.execute(sql`
    select distinct ra.user_id, p.year, p.due_on::text as due, u.name
    from energy_periods p
    cross join energy_institutions i
    join org_units u on u.id = i.org_unit_id
    join role_assignments ra on ra.scope_unit_id = i.org_unit_id
    join role_permissions rp on rp.role_id = ra.role_id and rp.permission = 'energy.fill'
    where i.active and ${periodId === undefined ? sql`p.due_on between ${today}::date - 60 and ${today}::date + 7` : sql`p.id = ${periodId}`}
      and ${within ?? sql`true`}
      and not exists (select 1 from energy_reports r where r.org_unit_id = i.org_unit_id and r.period_id = p.id and r.status in ('submitted','accepted'))`);
  const rows = r.rows as { user_id: number; year: number; due: string; name: string }[];
  for (const x of rows) {
    await notify(db, [x.user_id], x.due < today ? 'notify.energy.overdue' : 'notify.energy.remind', { unit: x.name, year: x.year, due: x.due }, '/energy/entry');
  }
  return rows.length;
}
