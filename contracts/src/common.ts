import { z } from 'zod';

/** Paging, sorting and search: the same query string on every list. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  /** `field` or `-field` (descending). */
  sort: z.string().regex(/^-?[a-zA-Z]+$/).optional(),
  q: z.string().trim().max(100).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const Page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** The one error shape. `message` is already in the caller's language. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** Field-level problems: path like `body.username`, or row/column for imports. */
    details: z
      .array(z.object({ path: z.string().optional(), row: z.number().optional(), column: z.string().optional(), message: z.string() }))
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const IdParam = z.object({ id: z.coerce.number().int().positive() });
export const Ok = z.object({ ok: z.literal(true) });
export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;
export const Timestamp = z.string();
/** A calendar date, `YYYY-MM-DD` (dates are Asia/Shanghai calendar days, never instants). */
export const IsoDate = z.iso.date();
