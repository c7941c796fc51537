import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Cockpit, CockpitMonthly } from '@guanjia/contracts/plans';
import { sql } from 'drizzle-orm';
import { today } from '../../kernel/excel/reply';
import { notFound } from '../../kernel/http/errors';
import type { DataScope } from '../../kernel/org/scope';
import { cockpit, monthlyFor } from './cockpit.service';

const Query = z.object({ unitId: z.coerce.number().int().positive().optional(), year: z.coerce.number().int().min(1949).max(2100).optional() });

export async function cockpitRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  /** The unit asked for (inside the scope), else the widest unit the caller may see: the root of their scope. */
  const unitOf = async (scope: DataScope, unitId: number | undefined): Promise<number> => {
    if (unitId) {
      await scope.assert(app.db, unitId);
      return unitId;
    }
    const top = [...scope.paths].sort((a, b) => a.length - b.length)[0];
    if (!top) throw notFound();
    const r2 = await app.db.execute(sql`select id from org_units where path = ${top}`);
    return (r2.rows[0] as { id: number }).id;
  };
  r.get('/api/plans/cockpit', {
    config: { permission: 'plans.cockpit' },
    schema: { tags: ['plans-cockpit'], querystring: Query, response: { 200: Cockpit } },
  }, async (req) => {
    const unitId = await unitOf(req.scope, req.query.unitId);
    return cockpit(app.db, req.scope, unitId, req.query.year ?? Number(today().slice(0, 4)), req.locale);
  });

  r.get('/api/plans/cockpit/monthly', {
    config: { permission: 'plans.cockpit' },
    schema: { tags: ['plans-cockpit'], querystring: Query.extend({ key: z.string().regex(/^[a-z]+\.[a-z0-9_]+$/) }), response: { 200: CockpitMonthly } },
  }, async (req) => monthlyFor(app.db, req.query.key, await unitOf(req.scope, req.query.unitId), req.query.year ?? Number(today().slice(0, 4))));
}
