import type { AreaStandard, Building, BuildingEvent, ComplianceSummary, OrganPeriod, Lease, OfficeRequest, Occupant, Person, Project, RankPeriod, Rectification, ReconciliationDiff, Room, VacateTask, WorksItem } from '@guanjia/contracts/office';
import { api, type QueryParams } from '../../kernel/api';
import type { Page } from '../../kernel/contracts';

export type { Building, BuildingEvent, ComplianceSummary, OrganPeriod, Lease, OfficeRequest, Occupant, Person, Project, RankPeriod, Rectification, ReconciliationDiff, Room, VacateTask, WorksItem };
export type RoomClass = Room['roomClass'];
export type RoomStatus = Room['status'];
export type Verdict = NonNullable<Room['verdict']>;

export interface RoomFilters extends QueryParams {
  q?: string;
  buildingId?: number;
  floorId?: number;
  orgUnitId?: number;
  status?: RoomStatus;
  roomClass?: RoomClass;
  verdict?: Verdict;
  date?: string;
}
export interface FloorRow { id: number; buildingId: number; level: number; name: string; rooms: number }
export interface RoomDetail {
  room: Room;
  occupants: Occupant[];
  uses: { status: RoomStatus; orgUnitName: string; from: string; to: string | null }[];
}
export interface StandardsView { date: string; current: Omit<AreaStandard, 'id'>[]; versions: { effectiveFrom: string; source: string; rows: number }[] }
export interface Suggestion { id: number; number: string; buildingName: string; address: string; floorLevel: number; usableArea: number; keeper: string; keeperOverArea?: number; keeperIdleArea?: number }
export type AllocationPath = 'reassign' | 'swap' | 'exchange' | 'lease' | 'build';
export interface Suggestions { recommended: AllocationPath; reassign: Suggestion[]; swap: Suggestion[]; give: { id: number; number: string; buildingName: string; usableArea: number }[] }
export interface RequestDetail extends OfficeRequest { buildingName: string | null; address: string | null; roomArea: number | null }

export const SUB_TYPES: Record<RoomClass, string[]> = {
  office: ['office'],
  service: ['meeting', 'archive', 'reception', 'print', 'mail', 'library', 'other'],
  plant: ['network', 'electrical', 'hvac', 'other'],
  ancillary: ['canteen', 'garage', 'civil_defence', 'fire_control', 'other'],
};
export const STATUSES: RoomStatus[] = ['in_use', 'vacant', 'under_repair', 'leased_out', 'disposed'];
export const CLASSES: RoomClass[] = ['office', 'service', 'plant', 'ancillary'];
export const VERDICTS: Verdict[] = ['compliant', 'over', 'no_standard', 'unoccupied'];

export const officeKey = ['office'] as const;

export const fetchBuildings = (q: string | undefined, page = 1, pageSize = 200) => api.get<Page<Building>>('/api/office/buildings', { q, page, pageSize });
export const fetchBuilding = (id: number, date?: string) => api.get<Building & { floorList: FloorRow[] }>(`/api/office/buildings/${id}`, { date });
export const fetchBuildingHistory = (id: number) => api.get<BuildingEvent[]>(`/api/office/buildings/${id}/history`);
export const completeProject = (id: number, body: unknown) => api.post<Project>(`/api/office/projects/${id}/complete`, body);
export const createBuilding = (body: unknown) => api.post<Building>('/api/office/buildings', body);
export const updateBuilding = (id: number, body: unknown) => api.patch<Building>(`/api/office/buildings/${id}`, body);
export const updateFloor = (id: number, body: unknown) => api.patch<FloorRow>(`/api/office/floors/${id}`, body);
export const createFloor = (body: unknown) => api.post<FloorRow>('/api/office/floors', body);
export const deleteFloor = (id: number) => api.delete<{ ok: true }>(`/api/office/floors/${id}`);
export const fetchRooms = (f: RoomFilters, page: number, pageSize: number) => api.get<Page<Room>>('/api/office/rooms', { ...f, page, pageSize });
export const fetchRoom = (id: number, date?: string) => api.get<RoomDetail>(`/api/office/rooms/${id}`, { date });
export const createRoom = (body: unknown) => api.post<Room>('/api/office/rooms', body);
export const updateRoom = (id: number, body: unknown) => api.patch<Room>(`/api/office/rooms/${id}`, body);
export const changeRoomUse = (id: number, body: unknown) => api.post<Room>(`/api/office/rooms/${id}/use`, body);
export const assignOccupant = (id: number, body: unknown) => api.post<{ occupancyId: number }>(`/api/office/rooms/${id}/occupants`, body);
export const endOccupancy = (id: number, to: string) => api.post(`/api/office/occupancies/${id}/end`, { to });
export const fetchPersons = (q: string | undefined, orgUnitId?: number) => api.get<Page<Person>>('/api/office/persons', { q, orgUnitId, page: 1, pageSize: 50 });
export const createPerson = (body: unknown) => api.post<Person>('/api/office/persons', body);
export const leavePerson = (id: number, body: unknown) => api.post(`/api/office/persons/${id}/leave`, body);
export const exportRooms = (f: RoomFilters) => api.download('/api/office/rooms/export', f, 'rooms.xlsx');
/** The compliance dashboard's table (children of the unit, as of the day) and the standards in force, as Excel. */
export const exportCompliance = (unitId: number | undefined, date?: string) => api.download('/api/office/compliance/export', { unitId, date }, 'compliance.xlsx');
export const exportStandards = () => api.download('/api/office/standards/export', undefined, 'area-standard.xlsx');
export const exportServiceStandards = () => api.download('/api/office/service-standards/export', undefined, 'service-room-standard.xlsx');
export const exportBuildings = () => api.download('/api/office/buildings/export', undefined, 'buildings.xlsx');
export const downloadTemplate = (kind: string) => api.download(`/api/office/templates/${kind}`, undefined, `${kind}-template.xlsx`);
export const importFile = <T = { imported: number }>(kind: string, file: File) => api.upload<T>(`/api/office/import/${kind}`, file, 'file', file.name);
export const fetchStandards = (date?: string) => api.get<StandardsView>('/api/office/standards', { date });
export interface ServiceStandard { organLevel: string; minM2: number | null; maxM2: number; source: string; effectiveFrom: string }
export const fetchServiceStandards = () => api.get<{ date: string; current: ServiceStandard[]; versions: ServiceStandard[] }>('/api/office/service-standards');
export const addStandardVersion = (body: unknown) => api.post('/api/office/standards', body);
export const addServiceStandardVersion = (body: unknown) => api.post('/api/office/service-standards', body);
export const fetchCompliance = (unitId?: number, date?: string) => api.get<ComplianceSummary>('/api/office/compliance', { unitId, date });
export const fetchRectifications = (status?: string) => api.get<Rectification[]>('/api/office/rectifications', { status });
export const openRectification = (body: unknown) => api.post('/api/office/rectifications', body);
export const sweepRectifications = (deadline: string) => api.post<{ opened: number }>('/api/office/rectifications/sweep', { deadline });
export const requestClose = (id: number, measures: string) => api.post<{ approvalId: number }>(`/api/office/rectifications/${id}/close`, { measures });
export const fetchVacate = (open: boolean) => api.get<(VacateTask & { occupancyId: number })[]>('/api/office/vacate', { open: String(open) });
export const requestVacateClose = (id: number, vacatedOn: string, note: string) => api.post<{ approvalId: number }>(`/api/office/vacate/${id}/close`, { vacatedOn, note });
export const fetchRequests = (kind?: string) => api.get<OfficeRequest[]>('/api/office/requests', { kind });
export const fetchRequest = (id: number) => api.get<RequestDetail>(`/api/office/requests/${id}`);
export const createRequest = (body: unknown) => api.post<{ id: number; approvalId: number }>('/api/office/requests', body);
export const fetchSuggestions = (id: number) => api.get<Suggestions>(`/api/office/requests/${id}/suggestions`);
export const proposeRoom = (id: number, path: AllocationPath, roomId: number | null, giveRoomId: number | null = null) => api.post(`/api/office/requests/${id}/propose`, { path, roomId, giveRoomId });
export const fetchRanks = (personId: number) => api.get<RankPeriod[]>(`/api/office/persons/${personId}/ranks`);
export const changeRank = (personId: number, rankCode: string, from: string) => api.post<RankPeriod[]>(`/api/office/persons/${personId}/ranks`, { rankCode, from });
export const fetchOrganPeriods = (personId: number) => api.get<OrganPeriod[]>(`/api/office/persons/${personId}/organs`);
export const transferPerson = (personId: number, orgUnitId: number, from: string) => api.post<OrganPeriod[]>(`/api/office/persons/${personId}/transfer`, { orgUnitId, from });
export const exportList = (list: 'rectifications' | 'vacate' | 'requests' | 'leases' | 'projects', params?: QueryParams) => api.download(`/api/office/${list}/export`, params, `${list}.xlsx`);
export const fetchLeases = () => api.get<Lease[]>('/api/office/leases');
export const recordLease = (requestId: number, body: unknown) => api.post<Lease>(`/api/office/requests/${requestId}/lease`, body);
export const fetchProjects = () => api.get<Project[]>('/api/office/projects');
export const recordProject = (requestId: number, body: unknown) => api.post<Project>(`/api/office/requests/${requestId}/project`, body);
export const updateProject = (id: number, body: unknown) => api.patch<Project>(`/api/office/projects/${id}`, body);
export const fetchWorksPlan = (year: number) => api.get<{ year: number; items: WorksItem[]; totalFen: number }>('/api/office/works-plan', { year });
export const updateWorks = (id: number, status: string) => api.patch(`/api/office/works-plan/${id}`, { status });
export const exportWorksPlan = (year: number) => api.download('/api/office/works-plan/export', { year }, `works-plan-${year}.xlsx`);
export const fetchReconciliation = (batch?: number, ledgerYear?: number) => api.get<ReconciliationDiff[]>('/api/office/reconciliation', { batch, ledgerYear });
export const exportReconciliation = (batch?: number, ledgerYear?: number) => api.download('/api/office/reconciliation/export', { batch, ledgerYear }, 'reconciliation.xlsx');
export const fetchLedgers = () => api.get<{ orgUnitId: number; orgUnitName: string; year: number; rows: number; declaredAt: string }[]>('/api/office/ledgers');
export const fetchSurveyBatches = () => api.get<{ batch: number; rows: number; surveyedOn: string }[]>('/api/office/survey/batches');
export const downloadAnnualReport = (unitId: number, date?: string) => api.download('/api/office/annual-report', { unitId, date }, 'office-annual-report.xlsx');
export const uploadEvidence = (approvalId: number, file: File) => {
  const form = new FormData();
  form.append('objectType', 'approval');
  form.append('objectId', String(approvalId));
  form.append('file', file, file.name);
  return api.post('/api/files', form);
};
