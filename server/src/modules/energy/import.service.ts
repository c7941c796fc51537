import { inArray, sql } from 'drizzle-orm';
import type { Locale } from '@guanjia/contracts';
import type { Db } from '../../db/client';
import type { AuditSubject } from '../../kernel/auth/actor';
import { audit } from '../../kernel/audit/audit.service';
import { importFailed, parseImport, type RowError } from '../../kernel/excel/excel';
import { label } from '../../kernel/excel/sheet';
import { AppError } from '../../kernel/http/errors';
import { translate } from '../../kernel/i18n/messages';
import type { DataScope } from '../../kernel/org/scope';
import { orgUnits } from '../../kernel/org/org.schema';
import { energyConsumption } from './energy.schema';
import { energyDbError, insertEntries, loadLookups, prepareEntries } from './consumption.service';
import { useSheet } from './sheets';

const col = (key: string, locale: Locale) => label(useSheet.columns.find((c) => c.key === key)!.header, locale);

/**
 * All-or-nothing import of the base form 能源资源消费情况: every row is checked (institution in
 * scope, month, duplicates in the file and in the database, locked months, the same rules as the
 * form) before one transaction inserts them all; otherwise one error lists every bad row.
 */
export async function importUse(db: Db, scope: DataScope, who: AuditSubject, file: Buffer, locale: Locale): Promise<number> {
  const { rows, errors } = await parseImport(useSheet, file, locale);
  const codes = [...new Set(rows.map((r) => r.value.uscc.toUpperCase()))];
  const units = codes.length ? await db.select({ id: orgUnits.id, path: orgUnits.path, uscc: orgUnits.uscc }).from(orgUnits).where(inArray(orgUnits.uscc, codes)) : [];
  const byCode = new Map(units.map((u) => [u.uscc!, u]));
  const inst = new Set((await db.execute(sql`select org_unit_id from energy_institutions where active`)).rows.map((x) => (x as { org_unit_id: number }).org_unit_id));
  const existing = new Set<string>();
  const locked = new Set<string>();
  const ids = [...new Set(units.map((u) => u.id))];
  if (ids.length) {
    const idList = sql.join(ids.map((i) => sql`${i}`), sql`, `);
    for (const x of (await db.execute(sql`select org_unit_id, to_char(month, 'YYYY-MM') as m, energy_type from energy_consumption where org_unit_id in (${idList})`)).rows as { org_unit_id: number; m: string; energy_type: string }[]) existing.add(`${x.org_unit_id}/${x.m}/${x.energy_type}`);
    for (const x of (await db.execute(sql`select r.org_unit_id, to_char(g, 'YYYY-MM') as m from energy_reports r join energy_periods p on p.id = r.period_id
      cross join generate_series(p.starts_on, p.ends_on, interval '1 month') g where r.status in ('submitted','accepted') and r.org_unit_id in (${idList})`)).rows as { org_unit_id: number; m: string }[]) locked.add(`${x.org_unit_id}/${x.m}`);
  }
  const lookups = await loadLookups(db);
  const seen = new Set<string>();
  const ready: (typeof energyConsumption.$inferInsert)[] = [];
  for (const { row, value: v } of rows) {
    const u = byCode.get(v.uscc.toUpperCase());
    const month = /^\d{4}-(0[1-9]|1[0-2])/.test(v.month) ? v.month.slice(0, 7) : null;
    const err = (key: string, message: string) => errors.push({ row, column: col(key, locale), message });
    if (!u || !scope.coversPath(u.path) || !inst.has(u.id)) { err('uscc', translate(locale, u && scope.coversPath(u.path) ? 'energy_not_institution' : 'org_unit_unknown', { code: v.uscc })); continue; }
    if (!month) { err('month', translate(locale, 'cell_date')); continue; }
    const key = `${u.id}/${month}/${v.energyType}`;
    if (seen.has(key) || existing.has(key)) { err('energyType', translate(locale, 'energy_month_reported', { type: `@energy_type.${v.energyType}` })); continue; }
    seen.add(key);
    if (locked.has(`${u.id}/${month}`)) { err('month', translate(locale, 'energy_period_locked')); continue; }
    const unit = v.unit?.trim().toUpperCase() === 'L' ? 'L' : 'natural';
    try {
      const [entry] = await prepareEntries(db, u.id, month, [{ energyType: v.energyType, quantity: Number(v.quantity), unit, costFen: Math.round(Number(v.costYuan ?? 0) * 100), bulk: v.bulk ?? false }], who.userId, lookups);
      ready.push(entry!);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      err('quantity', translate(locale, e.code, e.params));
    }
  }
  if (errors.length) throw importFailed(errors as RowError[]);
  try {
    await db.transaction(async (tx) => {
      await insertEntries(tx, ready);
      await audit(tx, who, { action: 'energy.import', objectType: 'energy_month', after: { rows: ready.length, institutions: [...new Set(ready.map((r) => r.orgUnitId))] } });
    });
  } catch (e) {
    throw energyDbError(e) ?? e;
  }
  return ready.length;
}
