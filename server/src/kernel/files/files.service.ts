import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FileMeta } from '@guanjia/contracts';
import type { Db, Tx } from '../../db/client';
import type { Actor } from '../auth/actor';
import { AppError, notFound } from '../http/errors';
import { ALLOWED_EXTENSIONS, detectFileType, MAX_UPLOAD_BYTES } from './file-types';
import { files } from './files.schema';

/**
 * Who may read and attach files on an object is the owning module's decision: it registers a
 * resolver per object type. Unknown object types accept no files.
 */
export interface FileOwner {
  /** The org unit the object belongs to if the actor may read it, else undefined. */
  readable(db: Db, actor: Actor, objectId: string): Promise<number | undefined>;
  writable(db: Db, actor: Actor, objectId: string): Promise<number | undefined>;
}
const owners = new Map<string, FileOwner>();
export const registerFileOwner = (objectType: string, owner: FileOwner) => void owners.set(objectType, owner);

const metaColumns = { id: files.id, objectType: files.objectType, objectId: files.objectId, name: files.name, mime: files.mime, size: files.size, createdAt: files.createdAt };
const toMeta = (f: { createdAt: Date } & Omit<FileMeta, 'createdAt'>): FileMeta => ({ ...f, createdAt: f.createdAt.toISOString() });

/** Stores an attachment; `internal` files (job results the server made) skip the upload size limit. */
export async function storeFile(tx: Tx | Db, f: { objectType: string; objectId: string; orgUnitId: number; name: string; data: Buffer; uploadedBy: number }, opts: { internal?: boolean } = {}): Promise<FileMeta> {
  if (!opts.internal && f.data.length > MAX_UPLOAD_BYTES) throw new AppError('file_too_large', 413, { max: `${MAX_UPLOAD_BYTES / 1024 / 1024} MB` });
  const mime = detectFileType(f.name, f.data);
  if (!mime) throw new AppError('file_type', 400, { allowed: ALLOWED_EXTENSIONS.join(', ') });
  const [row] = await tx
    .insert(files)
    .values({ ...f, name: f.name.slice(0, 200), mime, size: f.data.length, sha256: createHash('sha256').update(f.data).digest('hex') })
    .returning(metaColumns);
  return toMeta(row!);
}

export async function canWrite(db: Db, actor: Actor, objectType: string, objectId: string): Promise<number> {
  const unit = await owners.get(objectType)?.writable(db, actor, objectId);
  if (unit === undefined) throw notFound();
  return unit;
}

export async function listFiles(db: Db, actor: Actor, objectType: string, objectId: string): Promise<FileMeta[]> {
  if ((await owners.get(objectType)?.readable(db, actor, objectId)) === undefined) throw notFound();
  const rows = await db.select(metaColumns).from(files).where(and(eq(files.objectType, objectType), eq(files.objectId, objectId))).orderBy(files.id);
  return rows.map(toMeta);
}

/** The file with its bytes, if the actor may read the object it is attached to. */
export async function readFile(db: Db, actor: Actor, id: number) {
  const [f] = await db.select().from(files).where(eq(files.id, id));
  if (!f || (await owners.get(f.objectType)?.readable(db, actor, f.objectId)) === undefined) throw notFound();
  return f;
}
