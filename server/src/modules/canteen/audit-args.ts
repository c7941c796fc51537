import { sql, type SQL } from 'drizzle-orm';
import { auditAppendArgs, type AuditEntryInput } from '../../kernel/audit/audit.service';
import type { AuditSubject } from '../../kernel/auth/actor';
import type { Placeholders } from '../../db/prepared';

/**
 * The kernel's `audit_append(…)` call as values for a prepared statement: the hot writes are built
 * once with placeholders (`db/prepared.ts`), so the audit record's arguments — the chain, the time,
 * the canonical payload that is hashed — come from the kernel's `auditAppendArgs` (computed exactly
 * as for any other audited write) and are passed as values. A creation record has no `before`.
 */
export type AuditArgs = { a1: number; a2: Date; a3: number | null; a4: string | null; a5: number | null; a6: string | null; a7: string; a8: string | null; a9: string | null; a10: string | null; a11: string; a12: string };

export function auditArgs(subject: AuditSubject, entry: Omit<AuditEntryInput, 'before'>, chain?: number): AuditArgs {
  const a = auditAppendArgs(subject, entry, chain);
  return { a1: a.chain, a2: a.at, a3: a.userId, a4: a.username, a5: a.orgUnitId, a6: a.ip, a7: a.action, a8: a.objectType, a9: a.objectId, a10: a.after, a11: a.result, a12: a.payload };
}

/** The same call in a prepared statement's template. */
export const auditCallSql = (p: Placeholders<AuditArgs>): SQL =>
  sql`audit_append(${p.a1}::smallint, ${p.a2}, ${p.a3}::int, ${p.a4}, ${p.a5}::int, ${p.a6}, ${p.a7}, ${p.a8}, ${p.a9}, null, ${p.a10}::jsonb, ${p.a11}, ${p.a12})`;
