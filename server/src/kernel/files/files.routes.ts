import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { FileMeta, IdParam, Ok } from '@guanjia/contracts';
import { SELF } from '../auth/permissions';
import { audit } from '../audit/audit.service';
import { AppError } from '../http/errors';
import { actorOf, subjectOf } from '../http/types';
import { files } from './files.schema';
import { canWrite, listFiles, readFile, storeFile } from './files.service';
import { readUpload } from './upload';

const tags = ['files'];
const ObjectRef = z.object({ objectType: z.string().min(1).max(50), objectId: z.string().min(1).max(50) });

/** Reading follows the object: the owning module's resolver decides (see files.service.ts). */
export async function fileRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/files', { config: { permission: SELF }, schema: { tags, querystring: ObjectRef, response: { 200: z.array(FileMeta) } } }, (req) =>
    listFiles(app.db, actorOf(req), req.query.objectType, req.query.objectId));

  r.get('/api/files/:id', { config: { permission: SELF }, schema: { tags, params: IdParam } }, async (req, reply) => {
    const f = await readFile(app.db, actorOf(req), req.params.id);
    return reply
      .header('content-type', f.mime)
      .header('content-disposition', `attachment; filename="${f.name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(f.name)}`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(f.data);
  });

  r.post('/api/files', { config: { permission: 'kernel.files.write' }, schema: { tags, response: { 200: FileMeta } } }, async (req) => {
    const upload = await readUpload(req);
    const ref = ObjectRef.safeParse(upload.fields);
    if (!ref.success) throw new AppError('validation', 400);
    const actor = actorOf(req);
    const orgUnitId = await canWrite(app.db, actor, ref.data.objectType, ref.data.objectId);
    return app.db.transaction(async (tx) => {
      const meta = await storeFile(tx, { ...ref.data, orgUnitId, name: upload.name, data: upload.data, uploadedBy: actor.userId });
      await audit(tx, subjectOf(req), { action: 'file.upload', objectType: ref.data.objectType, objectId: ref.data.objectId, after: meta });
      return meta;
    });
  });

  r.delete('/api/files/:id', { config: { permission: 'kernel.files.write' }, schema: { tags, params: IdParam, response: { 200: Ok } } }, async (req) => {
    const actor = actorOf(req);
    const f = await readFile(app.db, actor, req.params.id);
    await canWrite(app.db, actor, f.objectType, f.objectId);
    await app.db.transaction(async (tx) => {
      await tx.delete(files).where(eq(files.id, f.id));
      await audit(tx, subjectOf(req), { action: 'file.delete', objectType: f.objectType, objectId: f.objectId, before: { id: f.id, name: f.name, sha256: f.sha256 } });
    });
    return { ok: true } as const;
  });
}
