import { z } from 'zod';

export const FileMeta = z.object({
  id: z.number().int(),
  objectType: z.string(),
  objectId: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});
export type FileMeta = z.infer<typeof FileMeta>;

/** Row-level import errors: every bad row with its column and reason; nothing was saved. */
export const ImportError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export const ImportResult = z.object({ imported: z.number().int() });
