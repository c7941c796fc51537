import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import type { AuditSubject } from '../auth/actor';
import { auditLog } from './audit.schema';
import { chainHash, GENESIS_HASH, type ChainedFields } from './chain';

export interface AuditEntryInput {
  action: string;
  objectType?: string;
  objectId?: string | number;
  before?: unknown;
  after?: unknown;
  result?: 'ok' | 'denied' | 'failed';
}

/** Fields never written to the trail, whatever a caller passes in before/after. */
const SECRET_KEYS = new Set(['passwordHash', 'password_hash', 'password', 'totpSecret', 'totp_secret', 'data', 'oneTimePassword']);

function redact(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object' || value instanceof Date) return value ?? null;
  if (Array.isArray(value)) return value.map(redact);
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([k]) => !SECRET_KEYS.has(k)).map(([k, v]) => [k, redact(v)]));
}

/** A JSON-safe copy (Dates as ISO strings), as jsonb will give it back. */
function jsonSafe(value: unknown): unknown {
  return value === null || value === undefined ? null : JSON.parse(JSON.stringify(value));
}

const CHAIN_LOCK = 727002;

/**
 * Appends one record to the audit trail inside the caller's transaction, so the record and the
 * change it describes commit or vanish together. The chain head is read under an advisory lock:
 * concurrent writers append one after another, never forking the chain.
 */
export async function audit(tx: Tx | Db, who: AuditSubject, entry: AuditEntryInput): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const head = await tx.execute(sql`select hash from audit_log order by id desc limit 1`);
  const prevHash = (head.rows[0] as { hash: string } | undefined)?.hash ?? GENESIS_HASH;
  const next = await tx.execute(sql`select nextval(pg_get_serial_sequence('audit_log', 'id')) as id`);
  const id = Number((next.rows[0] as { id: string | number }).id);
  const record: ChainedFields = {
    id,
    at: new Date(),
    userId: who.userId,
    username: who.username,
    orgUnitId: who.orgUnitId,
    ip: who.ip,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId === undefined ? null : String(entry.objectId),
    before: jsonSafe(redact(entry.before)),
    after: jsonSafe(redact(entry.after)),
    result: entry.result ?? 'ok',
  };
  const hash = chainHash(prevHash, record);
  await tx.insert(auditLog).values({ ...record, result: record.result as 'ok', prevHash, hash });
}

export interface VerifyResult { ok: boolean; checked: number; firstBrokenId?: number; reason?: string }

/** Re-walks the chain in id order; names the first record whose hash or link does not hold. */
export async function verifyAuditChain(db: Db, batch = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(sql`${auditLog.id} > ${lastId}`).orderBy(auditLog.id).limit(batch);
    if (rows.length === 0) return { ok: true, checked };
    for (const r of rows) {
      if (r.prevHash !== prevHash) return { ok: false, checked, firstBrokenId: r.id, reason: 'link' };
      const expected = chainHash(prevHash, {
        id: r.id, at: r.at, userId: r.userId, username: r.username, orgUnitId: r.orgUnitId, ip: r.ip, action: r.action,
        objectType: r.objectType, objectId: r.objectId, before: r.before, after: r.after, result: r.result,
      });
      if (expected !== r.hash) return { ok: false, checked, firstBrokenId: r.id, reason: 'hash' };
      prevHash = r.hash;
      lastId = r.id;
      checked++;
    }
  }
}
