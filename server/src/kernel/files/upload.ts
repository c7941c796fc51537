import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/errors';

/** The one uploaded file of a multipart request, fully read (the size limit is enforced while reading). */
export async function readUpload(req: FastifyRequest): Promise<{ name: string; data: Buffer; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw new AppError('file_required', 400);
  const part = await req.file();
  if (!part) throw new AppError('file_required', 400);
  const data = await part.toBuffer();
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(part.fields)) {
    const f = Array.isArray(v) ? v[0] : v;
    if (f && f.type === 'field') fields[k] = String(f.value);
  }
  return { name: part.filename, data, fields };
}
