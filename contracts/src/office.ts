import { z } from 'zod';
import { IsoDate } from './common';

/** Office space (办公用房): registry, entitlement, rectification, requests. */
import { OrganLevel } from './org';
export const RoomClass = z.enum(['office', 'service', 'plant', 'ancillary']);
export const RoomStatus = z.enum(['in_use', 'vacant', 'under_repair', 'leased_out', 'disposed']);
export type RoomClass = z.infer<typeof RoomClass>;
export type RoomStatus = z.infer<typeof RoomStatus>;
/** Sub-types per class (基本办公用房 = 办公室 + 服务用房 + 设备用房; 附属用房). */
export const ROOM_SUB_TYPES: Record<RoomClass, string[]> = {
  office: ['office'],
  service: ['meeting', 'archive', 'reception', 'print', 'mail', 'library', 'other'],
  plant: ['network', 'electrical', 'hvac', 'other'],
  ancillary: ['canteen', 'garage', 'civil_defence', 'fire_control', 'other'],
};
export const Verdict = z.enum(['compliant', 'over', 'no_standard', 'unoccupied']);
export type Verdict = z.infer<typeof Verdict>;

const area = z.coerce.number().positive().max(3000);
const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const AreaStandard = z.object({
  id: z.number(), organLevel: OrganLevel, rankCode: z.string(), areaM2: z.number(), washroomM2: z.number(), source: z.string(), effectiveFrom: IsoDate,
});
export type AreaStandard = z.infer<typeof AreaStandard>;
/** A new version of the standard: every cell given, one source and effective date. */
export const AreaStandardVersion = z.object({
  source: trimmed(200),
  effectiveFrom: IsoDate,
  rows: z.array(z.object({ organLevel: OrganLevel, rankCode: trimmed(40), areaM2: z.number().positive().max(200), washroomM2: z.number().min(0).max(20).default(0) })).min(1).max(100),
});
export type AreaStandardVersion = z.infer<typeof AreaStandardVersion>;
/** A new version of the 服务用房 per-head standard (m² per person by organ level; min optional). */
export const ServiceStandardVersion = z.object({
  source: trimmed(200),
  effectiveFrom: IsoDate,
  rows: z.array(z.object({ organLevel: OrganLevel, minM2: z.number().positive().max(50).nullable().default(null), maxM2: z.number().positive().max(50) })).min(1).max(10),
});

export const Building = z.object({
  id: z.number(), orgUnitId: z.number(), orgUnitName: z.string(), code: z.string(), name: z.string(), address: z.string(), titleCertNo: z.string(),
  certArea: z.number().nullable(), owner: z.string(), grossArea: z.number(), yearBuilt: z.number().nullable(), structure: z.string(),
  lat: z.number().nullable(), lng: z.number().nullable(), floors: z.number(), rooms: z.number(),
});
export type Building = z.infer<typeof Building>;
export const BuildingInput = z.object({
  orgUnitId: z.number().int().positive(), code: trimmed(40), name: trimmed(100), address: z.string().trim().max(200).default(''),
  titleCertNo: z.string().trim().max(200).default(''), certArea: z.number().positive().max(500000).nullable().default(null), owner: z.string().trim().max(100).default(''),
  grossArea: z.number().positive().max(500000), yearBuilt: z.number().int().min(1900).max(2100).nullable().default(null),
  structure: z.enum(['frame', 'brick_concrete', 'steel', 'shear_wall', 'other']).default('frame'),
  lat: z.number().min(-90).max(90).nullable().default(null), lng: z.number().min(-180).max(180).nullable().default(null),
});
export type BuildingInput = z.infer<typeof BuildingInput>;
/** A building's attributes changed from a day on (default today, never after it): earlier days keep the old ones. */
export const BuildingUpdate = BuildingInput.extend({ from: IsoDate.optional() });
export type BuildingUpdate = z.infer<typeof BuildingUpdate>;

export const Floor = z.object({ id: z.number(), buildingId: z.number(), level: z.number(), name: z.string(), rooms: z.number() });
export type Floor = z.infer<typeof Floor>;
export const FloorInput = z.object({ buildingId: z.number().int().positive(), level: z.number().int().min(-10).max(200).refine((n) => n !== 0), name: trimmed(40), from: IsoDate.optional() });
/** A floor's name (and level) changed from a day on; the earlier days keep the old ones. */
export const FloorUpdate = z.object({ level: z.number().int().min(-10).max(200).refine((n) => n !== 0).optional(), name: trimmed(40), from: IsoDate });
export type FloorUpdate = z.infer<typeof FloorUpdate>;
/** One dated change in a building's history (楼宇变更记录), newest first. */
export const BuildingEventKind = z.enum(['building_added', 'building_changed', 'floor_added', 'floor_changed', 'room_added', 'room_changed', 'room_use', 'room_disposed']);
export const BuildingEvent = z.object({
  day: IsoDate, kind: BuildingEventKind, subject: z.string(),
  changes: z.array(z.object({ field: z.string(), from: z.union([z.string(), z.number()]).nullable(), to: z.union([z.string(), z.number()]).nullable() })),
  by: z.string().nullable(), at: z.string().nullable(),
});
export type BuildingEvent = z.infer<typeof BuildingEvent>;

export const Occupant = z.object({ occupancyId: z.number(), personId: z.number(), name: z.string(), rankCode: z.string(), kind: z.enum(['main', 'extra']), from: IsoDate, to: IsoDate.nullable(), entitlement: z.number().nullable(), organName: z.string().optional() });
export type Occupant = z.infer<typeof Occupant>;

export const Room = z.object({
  id: z.number(), buildingId: z.number(), buildingName: z.string(), floorId: z.number(), floorLevel: z.number(), orgUnitId: z.number(), orgUnitName: z.string(),
  departmentId: z.number().nullable(), number: z.string(), roomClass: RoomClass, subType: z.string(), usableArea: z.number(), grossArea: z.number(),
  washroomArea: z.number(), capacity: z.number(), status: RoomStatus, occupants: z.number(), entitlement: z.number().nullable(),
  overArea: z.number().nullable(), verdict: Verdict.nullable(),
});
export type Room = z.infer<typeof Room>;
export const RoomInput = z.object({
  floorId: z.number().int().positive(), buildingId: z.number().int().positive(), orgUnitId: z.number().int().positive(), departmentId: z.number().int().positive().nullable().default(null),
  number: trimmed(20), roomClass: RoomClass, subType: trimmed(30), usableArea: area, grossArea: area,
  washroomArea: z.number().min(0).max(100).default(0), capacity: z.number().int().min(1).max(200).default(1),
  status: RoomStatus.default('vacant'), from: IsoDate.optional(),
});
export type RoomInput = z.infer<typeof RoomInput>;
export const RoomUpdate = RoomInput.omit({ floorId: true, buildingId: true, from: true, status: true, orgUnitId: true, departmentId: true }).partial();
export const RoomUseChange = z.object({ status: RoomStatus, orgUnitId: z.number().int().positive(), departmentId: z.number().int().positive().nullable().default(null), from: IsoDate });
export const RoomQuery = z.object({
  page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(500).default(20),
  q: z.string().trim().max(50).optional(), buildingId: z.coerce.number().int().positive().optional(), floorId: z.coerce.number().int().positive().optional(),
  orgUnitId: z.coerce.number().int().positive().optional(), status: RoomStatus.optional(), roomClass: RoomClass.optional(), verdict: Verdict.optional(),
  date: IsoDate.optional(),
});
export type RoomQuery = z.infer<typeof RoomQuery>;

export const Person = z.object({ id: z.number(), orgUnitId: z.number(), orgUnitName: z.string(), name: z.string(), rankCode: z.string(), status: z.enum(['active', 'transferred', 'retired']), leftOn: IsoDate.nullable(), entitlement: z.number().nullable(), roomNumbers: z.string() });
export type Person = z.infer<typeof Person>;
export const PersonInput = z.object({ orgUnitId: z.number().int().positive(), departmentId: z.number().int().positive().nullable().default(null), name: trimmed(50), rankCode: trimmed(40) });
export const PersonLeave = z.object({ status: z.enum(['transferred', 'retired']), leftOn: IsoDate });
export const AssignInput = z.object({ personId: z.number().int().positive(), kind: z.enum(['main', 'extra']).default('main'), from: IsoDate, to: IsoDate.nullable().default(null) });
export const EndOccupancy = z.object({ to: IsoDate });
/** A dated rank change (职级变动): the rank held from that day (not later than today) on. */
export const RankChange = z.object({ rankCode: trimmed(40), from: IsoDate });
export const RankPeriod = z.object({ id: z.number(), rankCode: z.string(), from: IsoDate.nullable(), to: IsoDate.nullable() });
export type RankPeriod = z.infer<typeof RankPeriod>;
/** 调动: a person's main organ (and department) from a day on. */
export const Transfer = z.object({ orgUnitId: z.number().int().positive(), from: IsoDate });
export type Transfer = z.infer<typeof Transfer>;
export const OrganPeriod = z.object({ id: z.number(), orgUnitId: z.number(), orgUnitName: z.string(), departmentName: z.string().nullable(), from: IsoDate.nullable(), to: IsoDate.nullable() });
export type OrganPeriod = z.infer<typeof OrganPeriod>;

export const ComplianceRow = z.object({
  unitId: z.number(), name: z.string(), kind: z.string(), offices: z.number(), compliant: z.number(), over: z.number(), noStandard: z.number(),
  rate: z.number().nullable(), overArea: z.number(), usableArea: z.number(), entitlement: z.number(),
  /** 服务用房 per head, organ level: service area and headcount of organs judged; organs over; area over. */
  serviceArea: z.number(), serviceHeadcount: z.number(), serviceAllowed: z.number(), serviceOverOrgans: z.number(), serviceOverArea: z.number(),
  /** Only on an organ: its per-head figure and the standard's range (null: no standard at its level, or no staff). */
  servicePerHead: z.number().nullable().optional(), serviceMin: z.number().nullable().optional(), serviceMax: z.number().nullable().optional(),
});
export type ComplianceRow = z.infer<typeof ComplianceRow>;
export const ComplianceSummary = z.object({ unit: ComplianceRow, children: z.array(ComplianceRow), date: IsoDate });
export type ComplianceSummary = z.infer<typeof ComplianceSummary>;

export const Rectification = z.object({
  id: z.number(), roomId: z.number(), roomNumber: z.string(), buildingName: z.string(), orgUnitId: z.number(), orgUnitName: z.string(), overArea: z.number(),
  openedOn: IsoDate, deadline: IsoDate, status: z.enum(['open', 'closing', 'closed']), measures: z.string(), approvalId: z.number().nullable(), overdue: z.boolean(),
});
export type Rectification = z.infer<typeof Rectification>;
export const RectificationOpen = z.object({ roomId: z.number().int().positive(), deadline: IsoDate });
export const RectificationClose = z.object({ measures: trimmed(1000) });

export const VacateTask = z.object({
  id: z.number(), personName: z.string(), roomNumber: z.string(), buildingName: z.string(), orgUnitName: z.string(), kind: z.enum(['main', 'extra']), dueOn: IsoDate, doneOn: IsoDate.nullable(), daysLeft: z.number(),
  /** open → closing (the organ reported it vacated; the bureau's approval is pending) → done. */
  status: z.enum(['open', 'closing', 'done']), vacatedOn: IsoDate.nullable(), note: z.string(), approvalId: z.number().nullable(),
});
/** The organ reports a room vacated on a day (on or before today, after the occupancy began); the bureau approves. */
export const VacateClose = z.object({ vacatedOn: IsoDate, note: z.string().trim().max(1000).default('') });
export type VacateTask = z.infer<typeof VacateTask>;

export const OfficeRequestKind = z.enum(['allocation', 'repair', 'disposal']);
export const OfficeRequest = z.object({
  id: z.number(), kind: OfficeRequestKind, orgUnitId: z.number(), orgUnitName: z.string(), neededArea: z.number().nullable(), headcount: z.number().nullable(),
  roomId: z.number().nullable(), roomNumber: z.string().nullable(), method: z.string().nullable(), reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected', 'returned']), approvalId: z.number().nullable(), certificateNo: z.string().nullable(), decidedOn: IsoDate.nullable(), createdAt: z.string(),
  path: z.enum(['reassign', 'swap', 'exchange', 'lease', 'build']).nullable(),
  /** exchange: the organ's own room given in return; repair: estimated cost (fen), works plan year and status. */
  giveRoomId: z.number().nullable().optional(), giveRoomNumber: z.string().nullable().optional(),
  estimatedCostFen: z.number().nullable().optional(), planYear: z.number().nullable().optional(), worksStatus: z.enum(['planned', 'in_progress', 'completed']).nullable().optional(),
  leaseId: z.number().nullable().optional(), projectId: z.number().nullable().optional(),
});
export type OfficeRequest = z.infer<typeof OfficeRequest>;
export const OfficeRequestInput = z.object({
  kind: OfficeRequestKind, orgUnitId: z.number().int().positive(), neededArea: z.number().positive().max(5000).nullable().default(null),
  headcount: z.number().int().min(1).max(500).nullable().default(null), roomId: z.number().int().positive().nullable().default(null),
  method: z.enum(['routine', 'major', 'reassign', 'change_use', 'swap', 'lease_out', 'auction', 'demolish']).nullable().default(null), reason: trimmed(500),
  /** repair: estimated cost in fen (required for a major repair) and the works plan year (default: this year). */
  estimatedCostFen: z.number().int().min(0).max(100_000_000_000).nullable().default(null),
  planYear: z.number().int().min(2000).max(2100).nullable().default(null),
});
export type OfficeRequestInput = z.infer<typeof OfficeRequestInput>;
/**
 * The rules' order when an organ needs space: 调剂 (a vacant room) → 置换 (swap: an under-used room
 * of another organ; or exchange: two organs' rooms change hands) → 租用 (lease) → 建设 (build).
 */
export const AllocationPath = z.enum(['reassign', 'swap', 'exchange', 'lease', 'build']);
export type AllocationPath = z.infer<typeof AllocationPath>;
/** The reviewer's choice: a room for reassign / swap / exchange (plus the organ's room given in return), none for lease / build. */
export const AllocationProposal = z.object({
  path: AllocationPath.default('reassign'), roomId: z.number().int().positive().nullable().default(null), giveRoomId: z.number().int().positive().nullable().default(null),
});

/** 租用 follow-up: the lease signed for an allocation decided as "lease". */
export const LeaseInput = z.object({
  lessor: trimmed(100), address: trimmed(200), area: z.number().positive().max(50000), startOn: IsoDate, endOn: IsoDate,
  annualRentFen: z.number().int().min(0).max(100_000_000_000),
});
export const Lease = LeaseInput.extend({ id: z.number(), requestId: z.number(), orgUnitId: z.number(), orgUnitName: z.string(), status: z.enum(['upcoming', 'active', 'ended']) });
export type Lease = z.infer<typeof Lease>;
/** 建设 follow-up: the construction project for an allocation decided as "build", tracked to completion. */
export const ProjectInput = z.object({ name: trimmed(100), area: z.number().positive().max(500000), budgetFen: z.number().int().min(0).max(1_000_000_000_000) });
export const ProjectProgress = z.object({ status: z.enum(['planned', 'under_construction', 'completed']), startedOn: IsoDate.nullable().default(null), completedOn: IsoDate.nullable().default(null) });
export const Project = ProjectInput.extend({
  id: z.number(), requestId: z.number(), orgUnitId: z.number(), orgUnitName: z.string(), status: ProjectProgress.shape.status, startedOn: IsoDate.nullable(), completedOn: IsoDate.nullable(),
  buildingId: z.number().nullable(), buildingName: z.string().nullable(), rooms: z.number(),
});
/**
 * 竣工入账: a completed project enters its building, floors and rooms into the registry from the
 * completion day, used by the project's organ (in one transaction).
 */
export const ProjectCompletion = z.object({
  completedOn: IsoDate,
  building: BuildingInput.omit({ orgUnitId: true, yearBuilt: true }),
  floors: z.array(z.object({ level: z.number().int().min(-10).max(200).refine((n) => n !== 0), name: trimmed(40) })).min(1).max(200),
  rooms: z.array(z.object({
    floorLevel: z.number().int(), number: trimmed(20), roomClass: RoomClass, subType: trimmed(30), usableArea: area, grossArea: area,
    washroomArea: z.number().min(0).max(100).default(0), capacity: z.number().int().min(1).max(200).default(1), status: z.enum(['in_use', 'vacant']).default('in_use'),
  })).min(1).max(5000),
});
export type ProjectCompletion = z.infer<typeof ProjectCompletion>;
export type Project = z.infer<typeof Project>;
/** 大修 in the bureau's works plan: approved major repairs of a year, with estimated cost and status. */
export const WorksItem = z.object({
  id: z.number(), orgUnitName: z.string(), buildingName: z.string(), roomNumber: z.string(), reason: z.string(), estimatedCostFen: z.number().nullable(),
  planYear: z.number(), status: z.enum(['planned', 'in_progress', 'completed']), decidedOn: IsoDate.nullable(),
});
export type WorksItem = z.infer<typeof WorksItem>;
export const WorksStatusChange = z.object({ status: WorksItem.shape.status });

/** One difference: 账实 (survey), 账证 (title certificate) or 账账 (organ sub-ledger vs master ledger). `recorded` is the master ledger's side. */
export const ReconciliationDiff = z.object({
  kind: z.enum(['missing_in_records', 'missing_in_survey', 'area', 'class', 'certificate', 'ledger_missing_in_master', 'ledger_missing_in_ledger', 'ledger_area', 'ledger_class', 'ledger_organ']),
  orgUnitName: z.string().nullable(), buildingCode: z.string(), roomNumber: z.string().nullable(), recorded: z.string().nullable(), surveyed: z.string().nullable(),
});
export type ReconciliationDiff = z.infer<typeof ReconciliationDiff>;
