// The kernel's tables, for drizzle's typed client. Module tables are imported from their own
// *.schema.ts where used (no relational queries need them here, and their names may collide).
export * from '../kernel/org/org.schema';
export * from '../kernel/auth/auth.schema';
export * from '../kernel/audit/audit.schema';
export * from '../kernel/approvals/approvals.schema';
export * from '../kernel/notifications/notifications.schema';
export * from '../kernel/jobs/jobs.schema';
export * from '../kernel/files/files.schema';
