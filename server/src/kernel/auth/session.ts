import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { groupCommit, perDatabase } from '../../db/group-commit';
import { preparedStatement } from '../../db/prepared';
import { grantRowsSql, type GrantRow } from './actor';
import { sessions } from './auth.schema';

export const SESSION_COOKIE = 'gj_sid';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Creates a session; returns the cookie token (only its hash is stored). */
export async function createSession(tx: Tx, userId: number, opts: { mfaPending: boolean; ip: string; userAgent?: string | undefined }) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await tx.insert(sessions).values({ id: sha256(token), userId, csrfToken, mfaPending: opts.mfaPending, ip: opts.ip, userAgent: opts.userAgent?.slice(0, 300) ?? null });
  return { token, csrfToken };
}

export interface SessionUser {
  sessionId: string;
  csrfToken: string;
  mfaPending: boolean;
  lastSeenAt: Date;
  userId: number;
  username: string;
  displayName: string;
  orgUnitId: number;
  locale: 'zh-CN' | 'en';
  active: boolean;
  mustChangePassword: boolean;
  passwordChangedAt: Date;
  totpEnabled: boolean;
  /** The user's role assignments and permissions, loaded with the session in one query. */
  grants: GrantRow[];
}

const sessionCols = sql`s.id, s.csrf_token, s.mfa_pending, s.last_seen_at, u.id as user_id, u.username, u.display_name, u.org_unit_id, u.locale,
           u.active, u.must_change_password, u.password_changed_at, u.totp_enabled, (select n from grants_epoch)::text as epoch`;
/** Every request's session lookup: a named prepared statement (planned once per connection, not per request). */
const sessionLookup = preparedStatement<{ id: string }>('kernel_session', (p) => sql`select ${sessionCols} from sessions s join users u on u.id = s.user_id where s.id = ${p.id}`);
/** The same for several sessions at once (concurrent requests' lookups, grouped). */
const sessionsLookup = preparedStatement<{ ids: string }>('kernel_sessions', (p) => sql`select ${sessionCols} from sessions s join users u on u.id = s.user_id where s.id = any(${p.ids}::text[])`);

/**
 * Session lookups are read on every request (a logout or a deactivation takes effect at once).
 * Under load, the lookups of concurrent requests are read together, one query for the group
 * (db/group-commit.ts; reads, so a few groups may be in flight), each request still getting its own row.
 */
const lookups = perDatabase((db: Db) => groupCommit<string, Record<string, unknown> | undefined>({
  maxBatch: 64,
  concurrency: 2,
  write: async (ids) => {
    if (ids.length === 1) return [{ ok: true, value: (await sessionLookup.execute(db, { id: ids[0]! })).rows[0] }];
    // Session ids are hex digests, safe in an array literal.
    const rows = (await sessionsLookup.execute(db, { ids: `{${ids.join(',')}}` })).rows;
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    return ids.map((id) => ({ ok: true, value: byId.get(id) }));
  },
}));

export async function findSession(db: Db, token: string): Promise<SessionUser | undefined> {
  const row = await lookups(db).submit(sha256(token));
  if (!row) return undefined;
  return {
    sessionId: row.id as string,
    csrfToken: row.csrf_token as string,
    mfaPending: row.mfa_pending as boolean,
    lastSeenAt: new Date(row.last_seen_at as string),
    userId: row.user_id as number,
    username: row.username as string,
    displayName: row.display_name as string,
    orgUnitId: row.org_unit_id as number,
    locale: row.locale as 'zh-CN' | 'en',
    active: row.active as boolean,
    mustChangePassword: row.must_change_password as boolean,
    passwordChangedAt: new Date(row.password_changed_at as string),
    totpEnabled: row.totp_enabled as boolean,
    grants: await cachedGrants(db, row.user_id as number, row.epoch as string),
  };
}

/**
 * Grants per user, cached in this process for as long as the grants epoch (bumped by triggers on
 * roles, permissions, assignments and org paths, in the same transaction) has not moved.
 */
const grantCache = new Map<number, { epoch: string; rows: GrantRow[] }>();
async function cachedGrants(db: Db, userId: number, epoch: string): Promise<GrantRow[]> {
  const hit = grantCache.get(userId);
  if (hit && hit.epoch === epoch) return hit.rows;
  const r = await db.execute(grantRowsSql(userId));
  const rows = r.rows as unknown as GrantRow[];
  if (grantCache.size > 20_000) grantCache.clear();
  grantCache.set(userId, { epoch, rows });
  return rows;
}

/** Marks activity; written at most every 30 s per session to keep reads cheap. */
export async function touchSession(db: Db, s: SessionUser): Promise<void> {
  if (Date.now() - s.lastSeenAt.getTime() < 30_000) return;
  await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, s.sessionId));
}

export async function destroySession(db: Db | Tx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function destroyUserSessions(db: Db | Tx, userId: number, except?: string): Promise<void> {
  await db.delete(sessions).where(except ? sql`${sessions.userId} = ${userId} and ${sessions.id} <> ${except}` : eq(sessions.userId, userId));
}

export async function completeMfa(db: Db | Tx, sessionId: string): Promise<void> {
  await db.update(sessions).set({ mfaPending: false }).where(eq(sessions.id, sessionId));
}

/** Deletes sessions idle beyond the timeout (a scheduled job; requests also check on read). */
export async function purgeIdleSessions(db: Db, idleMinutes: number): Promise<number> {
  const r = await db.execute(sql`delete from sessions where last_seen_at < now() - make_interval(mins => ${idleMinutes}) returning id`);
  return r.rows.length;
}
