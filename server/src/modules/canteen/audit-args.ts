import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { auditAppendCall, type AuditEntryInput } from '../../kernel/audit/audit.service';
import type { AuditSubject } from '../../kernel/auth/actor';
import type { Placeholders } from '../../db/prepared';

/**
 * The kernel's `audit_append(…)` call as values for a prepared statement: the hot writes are built
 * once with placeholders (`db/prepared.ts`), so the audit record's arguments — the chain, the time,
 * the canonical payload that is hashed — are taken from `auditAppendCall` (the kernel computes them,
 * exactly as for any other audited write) and passed as values. A creation record has no `before`;
 * if the kernel ever changes the call's shape this throws at the first write (every canteen test).
 */
export type AuditArgs = { a1: unknown; a2: unknown; a3: unknown; a4: unknown; a5: unknown; a6: unknown; a7: unknown; a8: unknown; a9: unknown; a10: unknown; a11: unknown; a12: unknown };

const dialect = new PgDialect();
const SHAPE = /^audit_append\(\$1::smallint, \$2, \$3::int, \$4, \$5::int, \$6, \$7, \$8, \$9, null, \$10::jsonb, \$11, \$12\)$/;

export function auditArgs(subject: AuditSubject, entry: Omit<AuditEntryInput, 'before'>): AuditArgs {
  const q = dialect.sqlToQuery(auditAppendCall(subject, entry));
  if (!SHAPE.test(q.sql.replace(/\s+/g, ' ')) || q.params.length !== 12) throw new Error(`audit_append call changed shape: ${q.sql}`);
  const [a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12] = q.params;
  return { a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12 };
}

/** The same call in a prepared statement's template. */
export const auditCallSql = (p: Placeholders<AuditArgs>): SQL =>
  sql`audit_append(${p.a1}::smallint, ${p.a2}, ${p.a3}::int, ${p.a4}, ${p.a5}::int, ${p.a6}, ${p.a7}, ${p.a8}, ${p.a9}, null, ${p.a10}::jsonb, ${p.a11}, ${p.a12})`;
