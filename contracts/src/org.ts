import { z } from 'zod';

export const OrgKind = z.enum(['region', 'organ', 'department']);
export const RegionLevel = z.enum(['province', 'prefecture', 'county', 'township']);
export const OrganLevel = z.enum(['central', 'provincial', 'prefectural', 'county', 'township']);

export const OrgUnit = z.object({
  id: z.number().int(),
  kind: OrgKind,
  parentId: z.number().int().nullable(),
  name: z.string(),
  regionCode: z.string().nullable(),
  regionLevel: RegionLevel.nullable(),
  organLevel: OrganLevel.nullable(),
  uscc: z.string().nullable(),
  sort: z.number().int(),
  active: z.boolean(),
  /** Number of direct children (the tree loads lazily). */
  childCount: z.number().int(),
});
export type OrgUnit = z.infer<typeof OrgUnit>;

export const OrgUnitCreate = z.object({
  kind: OrgKind,
  parentId: z.number().int().positive(),
  name: z.string().trim().min(1).max(100),
  regionCode: z.string().regex(/^\d{6}(\d{3})?$/).optional(),
  regionLevel: RegionLevel.optional(),
  organLevel: OrganLevel.optional(),
  uscc: z.string().trim().toUpperCase().length(18).optional(),
  sort: z.number().int().min(0).max(100000).default(0),
});
export const OrgUnitUpdate = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  uscc: z.string().trim().toUpperCase().length(18).nullable().optional(),
  organLevel: OrganLevel.optional(),
  sort: z.number().int().min(0).max(100000).optional(),
  active: z.boolean().optional(),
});
export const OrgUnitMove = z.object({ parentId: z.number().int().positive() });

export const OrgUnitHistoryEntry = z.object({
  name: z.string(),
  parentId: z.number().int().nullable(),
  parentName: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});

export const Rank = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() });
