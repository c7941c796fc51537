import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Cockpit } from '@guanjia/contracts/plans';
import { sql } from 'drizzle-orm';
import { today } from '../../kernel/excel/reply';
import { notFound } from '../../kernel/http/errors';
import { cockpit } from './cockpit.service';

export async function cockpitRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/plans/cockpit', {
    config: { permission: 'plans.cockpit' },
    schema: { tags: ['plans-cockpit'], querystring: z.object({ unitId: z.coerce.number().int().positive().optional(), year: z.coerce.number().int().min(1949).max(2100).optional() }), response: { 200: Cockpit } },
  }, async (req) => {
    let unitId = req.query.unitId;
    if (unitId) await req.scope.assert(app.db, unitId);
    else {
      // The widest unit the caller may see: the root of their scope.
      const top = [...req.scope.paths].sort((a, b) => a.length - b.length)[0];
      if (!top) throw notFound();
      const r2 = await app.db.execute(sql`select id from org_units where path = ${top}`);
      unitId = (r2.rows[0] as { id: number }).id;
    }
    return cockpit(app.db, req.scope, unitId, req.query.year ?? Number(today().slice(0, 4)), req.locale);
  });
}
