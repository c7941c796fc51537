import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, Job } from '@guanjia/contracts';
import { SELF } from '../auth/permissions';
import { notFound } from '../http/errors';
import { actorOf } from '../http/types';
import { jobs } from './jobs.schema';
import { toJobDto } from './jobs.service';

/** A user follows the jobs they started (progress bar, result); nobody else's. */
export async function jobRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get('/api/jobs/:id', { config: { permission: SELF }, schema: { tags: ['jobs'], params: IdParam, response: { 200: Job } } }, async (req) => {
    const [j] = await app.db.select().from(jobs).where(and(eq(jobs.id, req.params.id), eq(jobs.createdBy, actorOf(req).userId)));
    if (!j) throw notFound();
    return toJobDto(j);
  });
}
