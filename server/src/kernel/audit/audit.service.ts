import { randomInt } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import type { AuditSubject } from '../auth/actor';
import { auditLog } from './audit.schema';
import { storable } from '../http/text';
import { chainHash, GENESIS_HASH, payloadOf, type ChainedFields } from './chain';

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

/** Parallel chains: enough that 50 concurrent writers rarely queue on one lock. */
export const AUDIT_CHAINS = 8;

/**
 * Appends one record to the audit trail inside the caller's transaction, so the record and the
 * change it describes commit or vanish together. `audit_append` (a database function) locks one of
 * the chains, reads its head, takes the next id and stores the record with its hash (the same
 * formula as `chainHash`), so a chain never forks.
 */
export async function audit(tx: Tx | Db, who: AuditSubject, entry: AuditEntryInput): Promise<void> {
  // One round trip: the database function locks the chain, reads its head and stores the record (migration 0002).
  await tx.execute(sql`select ${auditAppendCall(who, entry)}`);
}

/**
 * The `audit_append(…)` call for one record, for a hot write path that puts the change and its
 * audit record in ONE statement (e.g. `with b as (insert … returning id) select …, (select
 * audit_append(…) from b)`): the record is written only if the statement's change happened, and
 * commits or vanishes with it. Everything the record holds (object id included) must be known
 * before the statement; `audit()` is the same call run on its own. `chain` is drawn at random unless
 * given: a group of records written by one statement (group commit) shares one chain, so the
 * statement takes one chain lock, never two in an order another statement could reverse.
 */
export function auditAppendCall(who: AuditSubject, entry: AuditEntryInput, chain?: number): SQL {
  const a = auditAppendArgs(who, entry, chain);
  const json = (v: string | null) => (v === null ? sql`null` : sql`${v}::jsonb`);
  return sql`audit_append(${a.chain}::smallint, ${a.at}, ${a.userId}::int, ${a.username}, ${a.orgUnitId}::int,
    ${a.ip}, ${a.action}, ${a.objectType}, ${a.objectId}, ${json(a.before)}, ${json(a.after)}, ${a.result}, ${a.payload})`;
}

/**
 * The chain lock `audit_append` takes (migration 0002), for a statement that must take it before
 * any row lock: a hot write that locks rows (stock, balances) and then appends its audit record
 * would otherwise take the chain after the rows, while a concurrent one on the same chain holds
 * the chain and waits for those rows. `audit_append` then finds the lock already held.
 */
export const auditChainLock = (chain: SQL): SQL => sql`pg_advisory_xact_lock(727002, ${chain}::int)`;

/** The arguments of `audit_append(…)` for one record, in the function's order (before/after as JSON text). */
export interface AuditAppendArgs {
  chain: number; at: Date; userId: number | null; username: string | null; orgUnitId: number | null; ip: string | null; action: string;
  objectType: string | null; objectId: string | null; before: string | null; after: string | null; result: string; payload: string;
}

/**
 * The values `auditAppendCall` passes, for a hot write that runs its SQL as a prepared statement
 * with placeholders (canteen bookings) or passes many records as one JSON value (group commit): the
 * record as stored (redacted, normalised), the time, the chain and the canonical payload that is hashed.
 */
export function auditAppendArgs(who: AuditSubject, entry: AuditEntryInput, chain: number = randomInt(AUDIT_CHAINS)): AuditAppendArgs {
  if (!Number.isInteger(chain) || chain < 0 || chain >= AUDIT_CHAINS) throw new Error(`audit chain out of range: ${chain}`);
  const record: ChainedFields = storable({
    chain,
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
  });
  const text = (v: unknown) => (v === null ? null : JSON.stringify(v));
  return {
    chain, at: record.at, userId: record.userId, username: record.username, orgUnitId: record.orgUnitId, ip: record.ip, action: record.action,
    objectType: record.objectType, objectId: record.objectId, before: text(record.before), after: text(record.after), result: record.result, payload: payloadOf(record),
  };
}

export interface VerifyResult { ok: boolean; checked: number; firstBrokenId?: number; reason?: string }

/** Re-walks the chain in id order; names the first record whose hash or link does not hold. */
export async function verifyAuditChain(db: Db, batch = 5000): Promise<VerifyResult> {
  const prevHash = new Map<number, string>();
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(sql`${auditLog.id} > ${lastId}`).orderBy(auditLog.id).limit(batch);
    if (rows.length === 0) return { ok: true, checked };
    for (const r of rows) {
      const prev = prevHash.get(r.chain) ?? GENESIS_HASH;
      if (r.prevHash !== prev) return { ok: false, checked, firstBrokenId: r.id, reason: 'link' };
      const payload = payloadOf({
        chain: r.chain, at: r.at, userId: r.userId, username: r.username, orgUnitId: r.orgUnitId, ip: r.ip, action: r.action,
        objectType: r.objectType, objectId: r.objectId, before: r.before, after: r.after, result: r.result,
      });
      if (chainHash(prev, r.id, payload) !== r.hash) return { ok: false, checked, firstBrokenId: r.id, reason: 'hash' };
      prevHash.set(r.chain, r.hash);
      lastId = r.id;
      checked++;
    }
  }
}
