import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditQuery, Job, Page, AuditEntry } from '@guanjia/contracts';
import { eq } from 'drizzle-orm';
import { audit } from './audit.service';
import { actorOf, subjectOf } from '../http/types';
import { can } from '../auth/actor';
import { enqueue, toJobDto } from '../jobs/jobs.service';
import { jobs } from '../jobs/jobs.schema';
import { registerFileOwner } from '../files/files.service';
import { listAudit } from './audit.query';
import './audit.export';

const tags = ['audit'];

/** Job results (export files) are readable by the user who started the job, nobody else. */
registerFileOwner('job', {
  readable: async (db, actor, objectId) => {
    const [j] = await db.select().from(jobs).where(eq(jobs.id, Number(objectId)));
    return j && j.createdBy === actor.userId ? actor.orgUnitId : undefined;
  },
  writable: async () => undefined,
});

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { permission: 'kernel.audit.read' };
  r.get('/api/audit', { config: read, schema: { tags, querystring: AuditQuery, response: { 200: Page(AuditEntry) } } }, (req) => listAudit(app.db, req.scope, req.query, can(actorOf(req), 'kernel.users.pii')));

  r.post('/api/audit/export', { config: read, schema: { tags, body: AuditQuery.omit({ page: true, pageSize: true, sort: true }), response: { 200: Job } } }, async (req) => {
    const actor = actorOf(req);
    const id = await app.db.transaction(async (tx) => {
      const jobId = await enqueue(tx, 'kernel.audit.export', { filter: req.body, paths: req.scope.paths, locale: req.locale, orgUnitId: actor.orgUnitId }, { createdBy: actor.userId });
      await audit(tx, subjectOf(req), { action: 'audit.export', objectType: 'job', objectId: jobId, after: { filter: req.body } });
      return jobId;
    });
    const [job] = await app.db.select().from(jobs).where(eq(jobs.id, id));
    return toJobDto(job!);
  });
}
