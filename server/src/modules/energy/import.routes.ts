import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ImportResult } from '@guanjia/contracts';
import { buildTemplate } from '../../kernel/excel/excel';
import { sendXlsx } from '../../kernel/excel/reply';
import { readUpload } from '../../kernel/files/upload';
import { subjectOf } from '../../kernel/http/types';
import { importUse } from './import.service';
import { basicSheet, useSheet } from './sheets';
import { importBasic } from './import-basic';

export async function importRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const fill = { permission: 'energy.fill' };
  r.get('/api/energy/import-template', { config: fill, schema: { tags: ['energy'] } }, async (req, reply) =>
    sendXlsx(reply, await buildTemplate(useSheet, req.locale), req.locale === 'en' ? 'energy-use-template' : '能源资源消费情况-导入模板'));
  r.post('/api/energy/import', { config: fill, schema: { tags: ['energy'], response: { 200: ImportResult } } }, async (req) => {
    const file = await readUpload(req);
    return { imported: await importUse(app.db, req.scope, subjectOf(req), file.data, req.locale) };
  });
  const manage = { permission: 'energy.manage' };
  r.get('/api/energy/institutions/import-template', { config: manage, schema: { tags: ['energy'] } }, async (req, reply) =>
    sendXlsx(reply, await buildTemplate(basicSheet, req.locale), req.locale === 'en' ? 'energy-basic-template' : '基本信息-导入模板'));
  r.post('/api/energy/institutions/import', { config: manage, schema: { tags: ['energy'], response: { 200: ImportResult } } }, async (req) => {
    const file = await readUpload(req);
    return { imported: await importBasic(app.db, req.scope, subjectOf(req), file.data, req.locale) };
  });
}
