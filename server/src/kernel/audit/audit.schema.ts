import { bigserial, index, integer, jsonb, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * 安全审计: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE — see the custom migration)
 * and hash-chained: hash = sha256(prev_hash + id + canonical record). `npm run audit:verify` re-walks it.
 * Records are spread over a few parallel chains (`chain`) so concurrent writers do not all queue on
 * one lock; each chain is complete and verified on its own.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    chain: smallint('chain').notNull().default(0),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    userId: integer('user_id'),
    username: text('username'),
    orgUnitId: integer('org_unit_id'),
    ip: text('ip'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    result: text('result', { enum: ['ok', 'denied', 'failed'] }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_log_chain_idx').on(t.chain, t.id), index('audit_log_at_idx').on(t.at), index('audit_log_user_idx').on(t.userId), index('audit_log_object_idx').on(t.objectType, t.objectId)],
);
