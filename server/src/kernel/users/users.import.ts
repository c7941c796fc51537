import { inArray, or, sql } from 'drizzle-orm';
import type { Locale } from '@guanjia/contracts';
import type { Db } from '../../db/client';
import type { AuditSubject } from '../auth/actor';
import { users } from '../auth/auth.schema';
import { UNUSABLE_PASSWORD } from '../auth/password';
import { audit } from '../audit/audit.service';
import { importFailed, parseImport } from '../excel/excel';
import { label } from '../excel/sheet';
import { translate } from '../i18n/messages';
import { orgUnits, ranks } from '../org/org.schema';
import type { DataScope } from '../org/scope';
import { userSheet } from './users.sheet';

const col = (key: string, locale: Locale) => label(userSheet.columns.find((c) => c.key === key)!.header, locale);

/**
 * All-or-nothing users import: every row is checked (format, duplicates in the file and in the
 * database, org unit in the caller's scope, known rank) before anything is written; then one
 * transaction inserts them all. Imported accounts have no usable password until an admin resets it.
 */
export async function importUsers(db: Db, scope: DataScope, who: AuditSubject, file: Buffer, locale: Locale): Promise<number> {
  const { rows, errors } = await parseImport(userSheet, file, locale);

  const codes = [...new Set(rows.map((r) => r.value.orgUnit))];
  const upper = codes.map((c) => c.toUpperCase());
  const units = await db
    .select({ id: orgUnits.id, path: orgUnits.path, uscc: orgUnits.uscc, regionCode: orgUnits.regionCode })
    .from(orgUnits)
    .where(or(inArray(orgUnits.uscc, upper), inArray(orgUnits.regionCode, codes), inArray(sql`${orgUnits.id}::text`, codes)));
  const unitByCode = new Map<string, { id: number; path: string }>();
  for (const u of units) for (const k of [u.uscc, u.regionCode, String(u.id)]) if (k) unitByCode.set(k, u);
  const knownRanks = new Set((await db.select({ code: ranks.code }).from(ranks)).map((r) => r.code));
  const names = rows.map((r) => r.value.username.toLowerCase());
  const taken = new Set<string>();
  for (let i = 0; i < names.length; i += 5000) {
    const existing = await db.select({ u: sql<string>`lower(${users.username})` }).from(users).where(inArray(sql`lower(${users.username})`, names.slice(i, i + 5000)));
    for (const e of existing) taken.add(e.u);
  }

  const ready = rows.map(({ row, value: v }) => {
    const unit = unitByCode.get(v.orgUnit.toUpperCase()) ?? unitByCode.get(v.orgUnit);
    if (!/^[a-zA-Z0-9_.-]{3,32}$/.test(v.username)) errors.push({ row, column: col('username', locale), message: translate(locale, 'username_chars') });
    if (taken.has(v.username.toLowerCase())) errors.push({ row, column: col('username', locale), message: translate(locale, 'username_taken') });
    if (!unit || !scope.coversPath(unit.path)) errors.push({ row, column: col('orgUnit', locale), message: translate(locale, 'org_unit_unknown', { code: v.orgUnit }) });
    if (v.rank && !knownRanks.has(v.rank)) errors.push({ row, column: col('rank', locale), message: translate(locale, 'rank_unknown', { rank: v.rank }) });
    if (v.phone && !/^1\d{10}$/.test(v.phone)) errors.push({ row, column: col('phone', locale), message: translate(locale, 'phone_format') });
    if (v.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v.email)) errors.push({ row, column: col('email', locale), message: translate(locale, 'email_format') });
    return {
      username: v.username, displayName: v.displayName, orgUnitId: unit?.id ?? 0, rank: v.rank, phone: v.phone, email: v.email,
      passwordHash: UNUSABLE_PASSWORD, mustChangePassword: true,
    };
  });
  if (errors.length) throw importFailed(errors);

  await db.transaction(async (tx) => {
    for (let i = 0; i < ready.length; i += 1000) await tx.insert(users).values(ready.slice(i, i + 1000));
    await audit(tx, who, { action: 'user.import', objectType: 'user', after: { count: ready.length, usernames: ready.map((r) => r.username) } });
  });
  return ready.length;
}
