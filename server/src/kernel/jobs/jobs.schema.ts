import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Background and scheduled jobs, kept in the database so they survive restarts and run once across
 * instances: workers claim with FOR UPDATE SKIP LOCKED; a scheduled run is keyed by (name, slot).
 */
export const jobs = pgTable(
  'jobs',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    payload: jsonb('payload').notNull().default({}),
    /** Unique slot for scheduled runs, e.g. `daily:2026-11-27`; null for ad-hoc jobs. */
    slot: text('slot'),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull().default('queued'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    progress: integer('progress').notNull().default(0),
    result: jsonb('result'),
    error: text('error'),
    createdBy: integer('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('jobs_slot_uq').on(t.name, t.slot).where(sql`${t.slot} is not null`),
    index('jobs_queue_idx').on(t.runAt).where(sql`${t.status} = 'queued'`),
  ],
);
