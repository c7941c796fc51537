import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm';
import type { AuditEntry, AuditQuery } from '@guanjia/contracts';
import type { Db } from '../../db/client';
import { DataScope } from '../org/scope';
import { likePattern } from '../http/paging';
import { auditLog } from './audit.schema';

export type AuditFilter = Omit<AuditQuery, 'page' | 'pageSize' | 'sort'>;

/** Records by units in scope; records with no unit (e.g. unknown-user logins) only for a root scope. */
export function auditWhere(scope: DataScope, f: AuditFilter): SQL | undefined {
  const isRoot = scope.paths.some((p) => /^\/\d+\/$/.test(p));
  const conds: (SQL | undefined)[] = [isRoot ? or(sql`${auditLog.orgUnitId} is null`, scope.where(auditLog.orgUnitId)) : scope.where(auditLog.orgUnitId)];
  if (f.username) conds.push(ilike(auditLog.username, likePattern(f.username)));
  if (f.action) conds.push(ilike(auditLog.action, `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (f.objectType) conds.push(eq(auditLog.objectType, f.objectType));
  if (f.objectId) conds.push(eq(auditLog.objectId, f.objectId));
  if (f.result) conds.push(eq(auditLog.result, f.result));
  // Dates are Asia/Shanghai business days.
  if (f.from) conds.push(gte(auditLog.at, new Date(`${f.from}T00:00:00+08:00`)));
  if (f.to) conds.push(lt(auditLog.at, new Date(new Date(`${f.to}T00:00:00+08:00`).getTime() + 86_400_000)));
  if (f.q) conds.push(or(ilike(auditLog.action, likePattern(f.q)), ilike(auditLog.username, likePattern(f.q)), ilike(auditLog.objectId, likePattern(f.q))));
  return and(...conds);
}

const PII_KEYS: Record<string, (v: string) => string> = { phone: (v) => `${v.slice(0, 3)}****${v.slice(-4)}`, email: (v) => v.replace(/^(.).*(@.*)$/, '$1***$2') };

/** Personal data inside before/after, masked for viewers without `kernel.users.pii`. */
export function maskPii(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPii);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' && PII_KEYS[k] ? PII_KEYS[k](v) : maskPii(v)]));
  return value;
}

export function toAuditDto(r: typeof auditLog.$inferSelect, showPii = false): AuditEntry {
  return {
    id: r.id, at: r.at.toISOString(), userId: r.userId, username: r.username, orgUnitId: r.orgUnitId, ip: r.ip, action: r.action,
    objectType: r.objectType, objectId: r.objectId, result: r.result,
    before: (showPii ? r.before : maskPii(r.before)) ?? null, after: (showPii ? r.after : maskPii(r.after)) ?? null,
  };
}

export async function listAudit(db: Db, scope: DataScope, q: AuditQuery, showPii = false) {
  const where = auditWhere(scope, q);
  const [rows, [total]] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return { items: rows.map((r) => toAuditDto(r, showPii)), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}
