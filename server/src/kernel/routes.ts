import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authRoutes } from './auth/auth.routes';
import { orgRoutes } from './org/org.routes';
import { userRoutes } from './users/users.routes';
import { roleRoutes } from './roles/roles.routes';
import { auditRoutes } from './audit/audit.routes';
import { approvalRoutes } from './approvals/approvals.routes';
import { notificationRoutes } from './notifications/notifications.routes';
import { settingsRoutes } from './settings/settings.routes';
import { jobRoutes } from './jobs/jobs.routes';
import { fileRoutes } from './files/files.routes';
import { metricRoutes } from './metrics/metrics.routes';
import './jobs/kernel-jobs';

export async function registerKernelRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/health', { config: { public: true }, schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) } } }, async () => {
    await app.db.execute(sql`select 1`);
    return { status: 'ok' as const, database: app.database.kind };
  });
  for (const routes of [authRoutes, orgRoutes, userRoutes, roleRoutes, auditRoutes, approvalRoutes, notificationRoutes, settingsRoutes, jobRoutes, fileRoutes, metricRoutes]) await routes(app);
}
