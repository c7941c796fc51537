import { z } from 'zod';
import { IsoDate } from './common';

/** A live metric a module publishes (see server/src/kernel/metrics). */
export const MetricInfo = z.object({
  key: z.string(),
  module: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  better: z.enum(['higher', 'lower']),
});
export type MetricInfo = z.infer<typeof MetricInfo>;

export const MetricValuesQuery = z
  .object({
    keys: z.string().trim().min(1).max(2000).transform((s) => [...new Set(s.split(',').map((k) => k.trim()).filter(Boolean))]),
    unitId: z.coerce.number().int().positive(),
    from: IsoDate,
    to: IsoDate,
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] });

export const MetricValue = z.object({ key: z.string(), value: z.number().nullable() });
export type MetricValue = z.infer<typeof MetricValue>;
