import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, serial, text, timestamp, uniqueIndex, varchar, type AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * Org units (组织): one tree of regions (行政区划), organs (机关/单位) and departments (内设机构).
 * `path` is the chain of ids from the root, e.g. `/1/5/23/`: the data scope of an assignment on unit
 * 5 is every unit whose path starts with `/1/5/`.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: ['region', 'organ', 'department'] }).notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => orgUnits.id),
    path: text('path').notNull(),
    name: text('name').notNull(),
    /** GB/T 2260 division code (regions only). */
    regionCode: varchar('region_code', { length: 12 }),
    regionLevel: text('region_level', { enum: ['province', 'prefecture', 'county', 'township'] }),
    /** 机关级别 (organs only). */
    organLevel: text('organ_level', { enum: ['central', 'provincial', 'prefectural', 'county', 'township'] }),
    /** 统一社会信用代码, GB 32100-2015 (organs only). */
    uscc: varchar('uscc', { length: 18 }),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('org_units_path_uq').on(t.path),
    index('org_units_path_prefix_idx').using('btree', sql`${t.path} text_pattern_ops`),
    index('org_units_parent_idx').on(t.parentId),
    uniqueIndex('org_units_region_code_uq').on(t.regionCode).where(sql`${t.regionCode} is not null`),
    uniqueIndex('org_units_uscc_uq').on(t.uscc).where(sql`${t.uscc} is not null`),
    check('org_units_kind_fields', sql`(${t.kind} = 'region') = (${t.regionCode} is not null and ${t.regionLevel} is not null)
      and (${t.kind} = 'organ') = (${t.organLevel} is not null)`),
  ],
);

/** Effective-dated history of names and parents: renames and moves never lose the past. */
export const orgUnitHistory = pgTable(
  'org_unit_history',
  {
    id: serial('id').primaryKey(),
    orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
    name: text('name').notNull(),
    parentId: integer('parent_id'),
    path: text('path').notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull().defaultNow(),
    validTo: timestamp('valid_to', { withTimezone: true }),
    changedBy: integer('changed_by'),
  },
  (t) => [
    index('org_unit_history_unit_idx').on(t.orgUnitId, t.validFrom),
    uniqueIndex('org_unit_history_open_uq').on(t.orgUnitId).where(sql`${t.validTo} is null`),
  ],
);

/** 职级: reference list of ranks; modules map (organ level, rank) to their own standards. */
export const ranks = pgTable('ranks', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  sort: integer('sort').notNull(),
});
