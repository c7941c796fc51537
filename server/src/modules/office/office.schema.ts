import { sql } from 'drizzle-orm';
import { bigint, check, customType, date, index, integer, jsonb, numeric, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, foreignKey, unique } from 'drizzle-orm/pg-core';
import { orgUnits, ranks } from '../../kernel/org/org.schema';
import { users } from '../../kernel/auth/auth.schema';

/** PostgreSQL `daterange`, written and read as its text form `[2024-01-01,)`. */
const daterange = customType<{ data: string }>({ dataType: () => 'daterange' });

export const ORGAN_LEVELS = ['central', 'provincial', 'prefectural', 'county', 'township'] as const;
export const ROOM_CLASSES = ['office', 'service', 'plant', 'ancillary'] as const;
export const ALLOCATION_PATHS = ['reassign', 'swap', 'exchange', 'lease', 'build'] as const;
export const ROOM_STATUSES = ['in_use', 'vacant', 'under_repair', 'leased_out', 'disposed'] as const;

/**
 * 办公室面积标准: m² of office room (使用面积) per person by organ level × rank, plus the washroom
 * a top head may add. Versioned: a new standard is a new set of rows with a later effective_from;
 * the engine reads, for any day, the latest version in force. Seeded by a custom migration.
 */
export const officeAreaStandards = pgTable(
  'office_area_standards',
  {
    id: serial('id').primaryKey(),
    organLevel: text('organ_level', { enum: ORGAN_LEVELS }).notNull(),
    rankCode: text('rank_code').notNull().references(() => ranks.code),
    areaM2: numeric('area_m2', { precision: 8, scale: 2 }).notNull(),
    washroomM2: numeric('washroom_m2', { precision: 8, scale: 2 }).notNull().default('0'),
    source: text('source').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('office_area_standards_version_uq').on(t.organLevel, t.rankCode, t.effectiveFrom),
    check('office_area_standards_area_ck', sql`${t.areaM2} > 0 and ${t.areaM2} <= 200 and ${t.washroomM2} >= 0 and ${t.washroomM2} <= 20`),
  ],
);

/** 办公用房 building: title certificates, owner, address, gross area, location. */
export const officeBuildings = pgTable(
  'office_buildings',
  {
    id: serial('id').primaryKey(),
    /** The organ (or bureau) that keeps this building on its ledger. */
    orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    /** 不动产权证号 (title certificate numbers), one or more. */
    titleCertNo: text('title_cert_no').notNull().default(''),
    /** Gross area stated on the title certificate (账证 check). */
    certArea: numeric('cert_area', { precision: 12, scale: 2 }),
    owner: text('owner').notNull().default(''),
    grossArea: numeric('gross_area', { precision: 12, scale: 2 }).notNull(),
    yearBuilt: integer('year_built'),
    structure: text('structure', { enum: ['frame', 'brick_concrete', 'steel', 'shear_wall', 'other'] }).notNull().default('frame'),
    lat: numeric('lat', { precision: 9, scale: 6 }),
    lng: numeric('lng', { precision: 9, scale: 6 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('office_buildings_code_uq').on(t.code),
    index('office_buildings_unit_idx').on(t.orgUnitId),
    check('office_buildings_area_ck', sql`${t.grossArea} > 0 and ${t.grossArea} <= 500000 and (${t.certArea} is null or (${t.certArea} > 0 and ${t.certArea} <= 500000))`),
    check('office_buildings_year_ck', sql`${t.yearBuilt} is null or ${t.yearBuilt} between 1900 and 2100`),
    check('office_buildings_geo_ck', sql`(${t.lat} is null or ${t.lat} between -90 and 90) and (${t.lng} is null or ${t.lng} between -180 and 180)`),
  ],
);

export const officeFloors = pgTable(
  'office_floors',
  {
    id: serial('id').primaryKey(),
    buildingId: integer('building_id').notNull().references(() => officeBuildings.id),
    orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
    level: integer('level').notNull(),
    name: text('name').notNull(),
  },
  (t) => [
    uniqueIndex('office_floors_level_uq').on(t.buildingId, t.level),
    unique('office_floors_id_building_uq').on(t.id, t.buildingId),
    check('office_floors_level_ck', sql`${t.level} between -10 and 200 and ${t.level} <> 0`),
  ],
);

/**
 * A room. `building_id` is repeated and tied to the floor by a composite foreign key, so a room
 * can never sit on a floor of another building; its number is unique within the building.
 * `org_unit_id` is the organ using it now (or, when vacant, the unit keeping it): the data scope.
 */
export const officeRooms = pgTable(
  'office_rooms',
  {
    id: serial('id').primaryKey(),
    buildingId: integer('building_id').notNull(),
    floorId: integer('floor_id').notNull(),
    orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
    departmentId: integer('department_id').references(() => orgUnits.id),
    number: text('number').notNull(),
    roomClass: text('room_class', { enum: ROOM_CLASSES }).notNull(),
    subType: text('sub_type').notNull(),
    usableArea: numeric('usable_area', { precision: 8, scale: 2 }).notNull(),
    grossArea: numeric('gross_area', { precision: 8, scale: 2 }).notNull(),
    washroomArea: numeric('washroom_area', { precision: 8, scale: 2 }).notNull().default('0'),
    /** How many people may sit in it (offices). */
    capacity: integer('capacity').notNull().default(1),
    status: text('status', { enum: ROOM_STATUSES }).notNull().default('vacant'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.floorId, t.buildingId], foreignColumns: [officeFloors.id, officeFloors.buildingId], name: 'office_rooms_floor_building_fk' }),
    uniqueIndex('office_rooms_number_uq').on(t.buildingId, t.number),
    index('office_rooms_unit_idx').on(t.orgUnitId),
    index('office_rooms_floor_idx').on(t.floorId),
    check('office_rooms_area_ck', sql`${t.usableArea} > 0 and ${t.usableArea} <= 3000 and ${t.grossArea} >= ${t.usableArea} and ${t.grossArea} <= 5000`),
    check('office_rooms_washroom_ck', sql`${t.washroomArea} >= 0 and ${t.washroomArea} < ${t.usableArea}`),
    check('office_rooms_capacity_ck', sql`${t.capacity} between 1 and 200`),
  ],
);

/**
 * Effective-dated use of a room (status, using organ and department): no two periods of one room
 * overlap (exclusion constraint in migration 0001), so any past day reads as it was.
 */
export const officeRoomUses = pgTable(
  'office_room_uses',
  {
    id: serial('id').primaryKey(),
    roomId: integer('room_id').notNull().references(() => officeRooms.id),
    orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
    departmentId: integer('department_id').references(() => orgUnits.id),
    status: text('status', { enum: ROOM_STATUSES }).notNull(),
    during: daterange('during').notNull(),
  },
  (t) => [index('office_room_uses_room_idx').on(t.roomId)],
);

/** A person counted against the standard (the surveyed staff list; optionally a user account). */
export const officePersons = pgTable(
  'office_persons',
  {
    id: serial('id').primaryKey(),
    /** The main organ (its level decides the entitlement). */
    orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
    departmentId: integer('department_id').references(() => orgUnits.id),
    name: text('name').notNull(),
    rankCode: text('rank_code').notNull().references(() => ranks.code),
    userId: integer('user_id').references(() => users.id),
    status: text('status', { enum: ['active', 'transferred', 'retired'] }).notNull().default('active'),
    leftOn: date('left_on'),
  },
  (t) => [
    index('office_persons_unit_idx').on(t.orgUnitId),
    check('office_persons_left_ck', sql`(${t.status} = 'active') = (${t.leftOn} is null)`),
  ],
);

/**
 * Who sits in which office, effective-dated. `kind` = main office or an extra office at another
 * organ where a leader holds a second post (flagged). One main office per person at a time and
 * no overlapping periods of the same person in the same room (exclusion constraints); the
 * room's capacity is enforced by a trigger (migration 0001).
 */
export const officeOccupancies = pgTable(
  'office_occupancies',
  {
    id: serial('id').primaryKey(),
    roomId: integer('room_id').notNull().references(() => officeRooms.id),
    personId: integer('person_id').notNull().references(() => officePersons.id),
    orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
    kind: text('kind', { enum: ['main', 'extra'] }).notNull().default('main'),
    during: daterange('during').notNull(),
  },
  (t) => [index('office_occupancies_room_idx').on(t.roomId), index('office_occupancies_person_idx').on(t.personId)],
);

/** 腾退: a room to be vacated by a person who left (1 month; 2 for an extra office). */
export const officeVacateTasks = pgTable(
  'office_vacate_tasks',
  {
    id: serial('id').primaryKey(),
    occupancyId: integer('occupancy_id').notNull().references(() => officeOccupancies.id),
    orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
    dueOn: date('due_on').notNull(),
    doneOn: date('done_on'),
    remindedOn: date('reminded_on'),
    /** The organ's claim, under approval: the day the room was handed back, a note, the approval. */
    vacatedOn: date('vacated_on'),
    note: text('note').notNull().default(''),
    approvalId: integer('approval_id'),
  },
  (t) => [
    uniqueIndex('office_vacate_tasks_occ_uq').on(t.occupancyId),
    check('office_vacate_tasks_claim_ck', sql`(${t.approvalId} is null) = (${t.vacatedOn} is null) or ${t.doneOn} is not null`),
  ],
);

/** 整改: an over-standard room's rectification case, closed through an approval with evidence. */
export const officeRectifications = pgTable(
  'office_rectifications',
  {
    id: serial('id').primaryKey(),
    roomId: integer('room_id').notNull().references(() => officeRooms.id),
    orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
    overArea: numeric('over_area', { precision: 8, scale: 2 }).notNull(),
    openedOn: date('opened_on').notNull(),
    deadline: date('deadline').notNull(),
    status: text('status', { enum: ['open', 'closing', 'closed'] }).notNull().default('open'),
    measures: text('measures').notNull().default(''),
    approvalId: integer('approval_id'),
    closedOn: date('closed_on'),
  },
  (t) => [
    uniqueIndex('office_rectifications_open_uq').on(t.roomId).where(sql`${t.status} <> 'closed'`),
    index('office_rectifications_unit_idx').on(t.orgUnitId),
    check('office_rectifications_deadline_ck', sql`${t.deadline} >= ${t.openedOn}`),
  ],
);

/** 分配申请 / 维修申请 / 处置申请: an organ's request going through the approval engine. */
export const officeRequests = pgTable(
  'office_requests',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: ['allocation', 'repair', 'disposal'] }).notNull(),
    orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
    /** allocation: area and headcount needed; repair/disposal: the room concerned. */
    neededArea: numeric('needed_area', { precision: 8, scale: 2 }),
    headcount: integer('headcount'),
    roomId: integer('room_id').references(() => officeRooms.id),
    /** repair: routine / major; disposal: reassign, change_use, swap, lease_out, auction, demolish. */
    method: text('method'),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'returned'] }).notNull().default('pending'),
    approvalId: integer('approval_id'),
    certificateNo: text('certificate_no'),
    /** allocation: the path the reviewer chose, in the rules' order 调剂 → 置换 → 租用 → 建设. */
    path: text('path', { enum: ALLOCATION_PATHS }),
    decidedOn: date('decided_on'),
    /** exchange (两房互换): the requesting organ's own room given in return for room_id. */
    giveRoomId: integer('give_room_id').references(() => officeRooms.id),
    /** repair: estimated cost in fen and, for a major repair (大修), the works plan's year and status. */
    estimatedCostFen: bigint('estimated_cost_fen', { mode: 'number' }),
    planYear: integer('plan_year'),
    worksStatus: text('works_status', { enum: ['planned', 'in_progress', 'completed'] }),
    details: jsonb('details'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('office_requests_unit_idx').on(t.orgUnitId),
    check('office_requests_path_ck', sql`${t.path} is null or (${t.kind} = 'allocation' and (${t.path} in ('lease', 'build')) = (${t.roomId} is null))`),
    check('office_requests_area_ck', sql`${t.neededArea} is null or (${t.neededArea} > 0 and ${t.neededArea} <= 5000)`),
    check('office_requests_exchange_ck', sql`(${t.path} is not distinct from 'exchange') = (${t.giveRoomId} is not null) and (${t.giveRoomId} is null or ${t.giveRoomId} <> ${t.roomId})`),
    check('office_requests_cost_ck', sql`${t.estimatedCostFen} is null or (${t.estimatedCostFen} >= 0 and ${t.estimatedCostFen} <= 100000000000)`),
    check('office_requests_works_ck', sql`(${t.worksStatus} is null or (${t.kind} = 'repair' and ${t.method} = 'major')) and (${t.planYear} is null or ${t.planYear} between 2000 and 2100)`),
    check('office_requests_kind_ck', sql`(${t.kind} <> 'allocation' or (${t.neededArea} is not null and ${t.headcount} between 1 and 500)) and (${t.kind} = 'allocation' or ${t.roomId} is not null)`),
  ],
);

/** 账实: a surveyed room (stock-take) to reconcile against the records. */
export const officeSurveyRows = pgTable(
  'office_survey_rows',
  {
    id: serial('id').primaryKey(),
    batch: integer('batch').notNull(),
    orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
    buildingCode: text('building_code').notNull(),
    roomNumber: text('room_number').notNull(),
    usableArea: numeric('usable_area', { precision: 8, scale: 2 }).notNull(),
    roomClass: text('room_class', { enum: ROOM_CLASSES }).notNull(),
    occupants: integer('occupants').notNull().default(0),
    surveyedOn: date('surveyed_on').notNull(),
  },
  (t) => [index('office_survey_rows_batch_idx').on(t.batch), check('office_survey_rows_area_ck', sql`${t.usableArea} > 0 and ${t.usableArea} <= 3000`)],
);

/**
 * A room's attributes over time (class, sub-type, areas, capacity): every change to the room row
 * closes the open version and starts a new one on that day (trigger `office_room_version`), so any
 * past day reads the room as it was. The first version is open below (as first recorded).
 * No two versions of a room overlap (exclusion constraint in migration 0006).
 */
export const officeRoomVersions = pgTable(
  'office_room_versions',
  {
    id: serial('id').primaryKey(),
    roomId: integer('room_id').notNull().references(() => officeRooms.id),
    roomClass: text('room_class', { enum: ROOM_CLASSES }).notNull(),
    subType: text('sub_type').notNull(),
    usableArea: numeric('usable_area', { precision: 8, scale: 2 }).notNull(),
    grossArea: numeric('gross_area', { precision: 8, scale: 2 }).notNull(),
    washroomArea: numeric('washroom_area', { precision: 8, scale: 2 }).notNull(),
    capacity: integer('capacity').notNull(),
    during: daterange('during').notNull(),
  },
  (t) => [index('office_room_versions_room_idx').on(t.roomId)],
);

/**
 * 单位台账: an organ's own sub-ledger, the rooms it declares it holds at the end of a year (imported
 * from its Excel ledger). Reconciled against the bureau's master registry (账账). One snapshot per
 * organ and year: a new import replaces it.
 */
export const officeLedgerRows = pgTable(
  'office_ledger_rows',
  {
    id: serial('id').primaryKey(),
    orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
    year: integer('year').notNull(),
    buildingCode: text('building_code').notNull(),
    roomNumber: text('room_number').notNull(),
    roomClass: text('room_class', { enum: ROOM_CLASSES }).notNull(),
    usableArea: numeric('usable_area', { precision: 8, scale: 2 }).notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('office_ledger_rows_room_uq').on(t.orgUnitId, t.year, t.buildingCode, t.roomNumber),
    index('office_ledger_rows_year_idx').on(t.year),
    check('office_ledger_rows_area_ck', sql`${t.usableArea} > 0 and ${t.usableArea} <= 3000`),
    check('office_ledger_rows_year_ck', sql`${t.year} between 2000 and 2100`),
  ],
);

/**
 * 服务用房 standard: service-room area (meeting rooms, archives, reception, …) per head of an
 * organ, by organ level: a range (min–max m² per person), versioned with source and date like the
 * office standard. Levels without a row have no figure (flagged, not guessed).
 */
export const officeServiceStandards = pgTable(
  'office_service_standards',
  {
    id: serial('id').primaryKey(),
    organLevel: text('organ_level', { enum: ORGAN_LEVELS }).notNull(),
    minM2: numeric('min_m2', { precision: 6, scale: 2 }),
    maxM2: numeric('max_m2', { precision: 6, scale: 2 }).notNull(),
    source: text('source').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('office_service_standards_version_uq').on(t.organLevel, t.effectiveFrom),
    check('office_service_standards_area_ck', sql`${t.maxM2} > 0 and ${t.maxM2} <= 50 and (${t.minM2} is null or (${t.minM2} > 0 and ${t.minM2} <= ${t.maxM2}))`),
  ],
);

/**
 * A person's rank (职级) over time: a promotion is dated, and the entitlement on any day uses the
 * rank held that day. `office_persons.rank_code` is the rank held today. No two periods of a
 * person overlap (exclusion constraint, migration 0013).
 */
export const officePersonRanks = pgTable(
  'office_person_ranks',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id').notNull().references(() => officePersons.id),
    rankCode: text('rank_code').notNull().references(() => ranks.code),
    during: daterange('during').notNull(),
  },
  (t) => [index('office_person_ranks_person_idx').on(t.personId)],
);

/**
 * The engine's result kept per day and using organ (offices, compliant, over area …), so the live
 * metrics and the dashboard read 3,000 rows instead of recomputing 150,000 rooms. A day is filled
 * on first use; any write that changes a day (room versions, uses, occupancies, ranks, standards,
 * a person's organ) forgets that day and every later one (triggers, migration 0013).
 */
export const officeComplianceDays = pgTable('office_compliance_days', {
  day: date('day').primaryKey(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
});
export const officeComplianceCache = pgTable(
  'office_compliance_cache',
  {
    day: date('day').notNull().references(() => officeComplianceDays.day, { onDelete: 'cascade' }),
    orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
    offices: integer('offices').notNull(),
    compliant: integer('compliant').notNull(),
    over: integer('over').notNull(),
    noStandard: integer('no_standard').notNull(),
    overArea: numeric('over_area', { precision: 14, scale: 2 }).notNull(),
    usableArea: numeric('usable_area', { precision: 14, scale: 2 }).notNull(),
    entitlement: numeric('entitlement', { precision: 14, scale: 2 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.orgUnitId] })],
);

/** 租用: the lease the bureau signs after an allocation decided as "lease". */
export const officeLeases = pgTable(
  'office_leases',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id').notNull().references(() => officeRequests.id),
    orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
    lessor: text('lessor').notNull(),
    address: text('address').notNull(),
    area: numeric('area', { precision: 10, scale: 2 }).notNull(),
    startOn: date('start_on').notNull(),
    endOn: date('end_on').notNull(),
    annualRentFen: bigint('annual_rent_fen', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('office_leases_request_uq').on(t.requestId),
    check('office_leases_ck', sql`${t.area} > 0 and ${t.area} <= 50000 and ${t.endOn} > ${t.startOn} and ${t.annualRentFen} >= 0 and ${t.annualRentFen} <= 100000000000`),
  ],
);

/** 建设: the construction project after an allocation decided as "build", tracked to completion. */
export const officeProjects = pgTable(
  'office_projects',
  {
    id: serial('id').primaryKey(),
    requestId: integer('request_id').notNull().references(() => officeRequests.id),
    orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
    name: text('name').notNull(),
    area: numeric('area', { precision: 10, scale: 2 }).notNull(),
    budgetFen: bigint('budget_fen', { mode: 'number' }).notNull(),
    status: text('status', { enum: ['planned', 'under_construction', 'completed'] }).notNull().default('planned'),
    startedOn: date('started_on'),
    completedOn: date('completed_on'),
    /** The building the completed project entered into the registry (rooms from the completion day). */
    buildingId: integer('building_id').references(() => officeBuildings.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('office_projects_request_uq').on(t.requestId),
    check('office_projects_area_ck', sql`${t.area} > 0 and ${t.area} <= 500000 and ${t.budgetFen} >= 0 and ${t.budgetFen} <= 1000000000000`),
    check('office_projects_status_ck', sql`(${t.status} = 'planned' or ${t.startedOn} is not null) and (${t.status} = 'completed') = (${t.completedOn} is not null) and (${t.completedOn} is null or ${t.completedOn} >= ${t.startedOn})`),
  ],
);

/**
 * A building's recorded attributes over time (title certificate, certificate area, owner, gross
 * area, structure; and since migration 0019 name, address, year and keeping organ): a change to the building row closes the open version the day before and opens
 * one that day (trigger, migration 0015), so a past day reads the building as it was. No two
 * versions of a building overlap (exclusion constraint).
 */
export const officeBuildingVersions = pgTable(
  'office_building_versions',
  {
    id: serial('id').primaryKey(),
    buildingId: integer('building_id').notNull().references(() => officeBuildings.id),
    titleCertNo: text('title_cert_no').notNull(),
    certArea: numeric('cert_area', { precision: 12, scale: 2 }),
    owner: text('owner').notNull(),
    grossArea: numeric('gross_area', { precision: 12, scale: 2 }).notNull(),
    structure: text('structure').notNull(),
    /** Name, address, construction year and keeping organ, dated like the rest since migration 0019. */
    name: text('name').notNull().default(''),
    address: text('address').notNull().default(''),
    yearBuilt: integer('year_built'),
    orgUnitId: integer('org_unit_id').references(() => orgUnits.id),
    during: daterange('during').notNull(),
  },
  (t) => [index('office_building_versions_building_idx').on(t.buildingId)],
);

/**
 * A floor's level and name over time, and its existence: a floor recorded with a first day (a
 * completed construction project, a dated entry) has no version before it. A change to the floor
 * row closes the open version the day before and opens one from that day (trigger, migration 0017).
 * No two versions of a floor overlap (exclusion constraint).
 */
export const officeFloorVersions = pgTable(
  'office_floor_versions',
  {
    id: serial('id').primaryKey(),
    floorId: integer('floor_id').notNull().references(() => officeFloors.id),
    level: integer('level').notNull(),
    name: text('name').notNull(),
    during: daterange('during').notNull(),
  },
  (t) => [index('office_floor_versions_floor_idx').on(t.floorId)],
);

/**
 * A person's main organ (and department) over time: a transfer is dated, and the entitlement,
 * headcounts and who belongs where on any day use the organ held that day. `office_persons.org_unit_id`
 * is today's. No two periods of a person overlap (exclusion constraint, migration 0017).
 */
export const officePersonOrgans = pgTable(
  'office_person_organs',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id').notNull().references(() => officePersons.id),
    orgUnitId: integer('org_unit_id').notNull().references(() => orgUnits.id),
    departmentId: integer('department_id').references(() => orgUnits.id),
    during: daterange('during').notNull(),
  },
  (t) => [index('office_person_organs_person_idx').on(t.personId), index('office_person_organs_unit_idx').on(t.orgUnitId)],
);
