// Every table, kernel first, then one line per module (see modules.ts).
export * from '../kernel/org/org.schema';
export * from '../kernel/auth/auth.schema';
export * from '../kernel/audit/audit.schema';
export * from '../kernel/approvals/approvals.schema';
export * from '../kernel/notifications/notifications.schema';
export * from '../kernel/jobs/jobs.schema';
export * from '../kernel/files/files.schema';
export * from '../modules/canteen/canteen.schema';
