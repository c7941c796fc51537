import { inArray } from 'drizzle-orm';
import type { Locale } from '@guanjia/contracts';
import type { Db } from '../../db/client';
import type { AuditSubject } from '../../kernel/auth/actor';
import { audit } from '../../kernel/audit/audit.service';
import { importFailed, parseImport } from '../../kernel/excel/excel';
import { label } from '../../kernel/excel/sheet';
import { translate } from '../../kernel/i18n/messages';
import type { DataScope } from '../../kernel/org/scope';
import { orgUnits } from '../../kernel/org/org.schema';
import { energyDenominators, energyInstitutions } from './energy.schema';
import { basicSheet } from './sheets';

const col = (key: string, locale: Locale) => label(basicSheet.columns.find((c) => c.key === key)!.header, locale);

/** All-or-nothing import of the base form 基本信息: registers organs as institutions and sets their denominators. */
export async function importBasic(db: Db, scope: DataScope, who: AuditSubject, file: Buffer, locale: Locale): Promise<number> {
  const { rows, errors } = await parseImport(basicSheet, file, locale);
  const codes = [...new Set(rows.map((r) => r.value.uscc.toUpperCase()))];
  const units = codes.length ? await db.select({ id: orgUnits.id, path: orgUnits.path, uscc: orgUnits.uscc, kind: orgUnits.kind }).from(orgUnits).where(inArray(orgUnits.uscc, codes)) : [];
  const byCode = new Map(units.map((u) => [u.uscc!, u]));
  const seen = new Set<string>();
  const ready: { unitId: number; category: BasicCategory; effectiveFrom: string; headcount: number; floorArea: number; heatedArea: number }[] = [];
  for (const { row, value: v } of rows) {
    const u = byCode.get(v.uscc.toUpperCase());
    if (!u || !scope.coversPath(u.path) || u.kind !== 'organ') { errors.push({ row, column: col('uscc', locale), message: translate(locale, 'org_unit_unknown', { code: v.uscc }) }); continue; }
    const key = `${u.id}/${v.effectiveFrom}`;
    if (seen.has(key)) { errors.push({ row, column: col('effectiveFrom', locale), message: translate(locale, 'cell_duplicate', { row: '' }) }); continue; }
    seen.add(key);
    const floorArea = Number(v.floorArea);
    const heatedArea = v.heatedArea === null ? 0 : Number(v.heatedArea);
    if (!(v.headcount > 0) || !(floorArea > 0) || heatedArea < 0) { errors.push({ row, column: col('headcount', locale), message: translate(locale, 'energy_basic_denominator') }); continue; }
    ready.push({ unitId: u.id, category: v.category as BasicCategory, effectiveFrom: v.effectiveFrom, headcount: v.headcount, floorArea, heatedArea });
  }
  if (errors.length) throw importFailed(errors);
  await db.transaction(async (tx) => {
    for (const r of ready) {
      await tx.insert(energyInstitutions).values({ orgUnitId: r.unitId, category: r.category }).onConflictDoUpdate({ target: energyInstitutions.orgUnitId, set: { category: r.category, active: true } });
      const values = { orgUnitId: r.unitId, effectiveFrom: r.effectiveFrom, headcount: r.headcount, floorArea: String(r.floorArea), heatedArea: String(r.heatedArea) };
      await tx.insert(energyDenominators).values(values).onConflictDoUpdate({ target: [energyDenominators.orgUnitId, energyDenominators.effectiveFrom], set: values });
    }
    await audit(tx, who, { action: 'energy.institution.import', objectType: 'energy_institution', after: { rows: ready.length, units: ready.map((r) => r.unitId) } });
  });
  return ready.length;
}

type BasicCategory = 'organ' | 'school' | 'hospital' | 'other';
