import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { MetricInfo, MetricValue, MetricValuesQuery } from '@guanjia/contracts';
import { invalid, notFound } from '../http/errors';
import { getMetric, listMetrics } from './metrics';

const tags = ['metrics'];

export async function metricRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { permission: 'kernel.metrics.read' };

  r.get('/api/metrics', { config: read, schema: { tags, response: { 200: z.array(MetricInfo) } } }, () =>
    listMetrics().map((m) => ({ key: m.key, module: m.key.split('.')[0]!, nameZh: m.nameZh, nameEn: m.nameEn, unit: m.unit, better: m.better })));

  r.get('/api/metrics/values', { config: read, schema: { tags, querystring: MetricValuesQuery, response: { 200: z.array(MetricValue) } } }, async (req) => {
    const { keys, unitId, from, to } = req.query;
    const defs = keys.map((k) => getMetric(k) ?? k);
    const unknown = defs.filter((d): d is string => typeof d === 'string');
    if (unknown.length) throw invalid('metric_unknown', { keys: unknown.join(', ') }, 'querystring.keys');
    await req.scope.assert(app.db, unitId);
    const unit = await app.db.execute(sql`select path from org_units where id = ${unitId}`);
    const path = (unit.rows[0] as { path: string } | undefined)?.path;
    if (!path) throw notFound();
    const q = { unitId, path, from, to };
    return Promise.all(keys.map(async (key) => ({ key, value: await getMetric(key)!.compute(app.db, q) })));
  });
}
