import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/org.schema';
import { users } from '../auth/auth.schema';

/** One approval (审批) of one object, moving through the steps of its registered workflow type. */
export const approvalRequests = pgTable(
  'approval_requests',
  {
    id: serial('id').primaryKey(),
    workflow: text('workflow').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    title: text('title').notNull(),
    applicantId: integer('applicant_id').notNull().references(() => users.id),
    applicantUnitId: integer('applicant_unit_id').notNull().references(() => orgUnits.id),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'returned', 'withdrawn'] }).notNull().default('pending'),
    /** 0-based index into the workflow's steps. */
    stepIndex: integer('step_index').notNull().default(0),
    /** Who may act now: the step's role, over this unit (resolved by the step's scope rule). */
    stepRole: text('step_role'),
    stepUnitId: integer('step_unit_id').references(() => orgUnits.id),
    payload: jsonb('payload'),
    /** Optimistic lock: a decision names the version it saw; exactly one concurrent decision wins. */
    version: integer('version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('approval_requests_pending_idx').on(t.stepRole, t.stepUnitId).where(sql`${t.status} = 'pending'`),
    index('approval_requests_object_idx').on(t.objectType, t.objectId),
  ],
);

export const approvalActions = pgTable(
  'approval_actions',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id').notNull().references(() => approvalRequests.id),
    stepIndex: integer('step_index').notNull(),
    actorId: integer('actor_id').notNull().references(() => users.id),
    action: text('action', { enum: ['submit', 'approve', 'reject', 'return', 'resubmit', 'withdraw'] }).notNull(),
    comment: text('comment'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('approval_actions_request_idx').on(t.requestId)],
);
