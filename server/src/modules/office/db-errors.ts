import { AppError, conflict, invalid } from '../../kernel/http/errors';

/** Which user-facing error each database rule stands for. */
const BY_CONSTRAINT: Record<string, () => AppError> = {
  office_rooms_area_ck: () => invalid('office_area_invalid'),
  office_rooms_washroom_ck: () => invalid('office_area_invalid'),
  office_rooms_capacity_ck: () => invalid('office_area_invalid'),
  office_buildings_area_ck: () => invalid('office_building_invalid'),
  office_buildings_year_ck: () => invalid('office_building_invalid'),
  office_buildings_geo_ck: () => invalid('office_building_invalid'),
  office_buildings_code_uq: () => conflict('office_code_taken'),
  office_rooms_number_uq: () => conflict('office_room_number_taken'),
  office_floors_level_uq: () => conflict('office_floor_taken'),
  office_rooms_floor_building_fk: () => invalid('office_floor_building'),
  office_occupancy_capacity: () => invalid('office_capacity'),
  office_occupancy_not_office: () => invalid('office_not_office'),
  office_room_uses_overlap_ex: () => invalid('office_use_overlap'),
  office_person_ranks_overlap_ex: () => invalid('office_rank_overlap'),
  office_person_ranks_during_ck: () => invalid('office_dates'),
  office_room_versions_overlap_ex: () => invalid('office_version_overlap'),
  office_building_versions_overlap_ex: () => invalid('office_building_from', {}, 'body.from'),
  office_floor_versions_overlap_ex: () => invalid('office_floor_overlap'),
  office_floor_versions_ck: () => invalid('office_dates'),
  office_person_organs_overlap_ex: () => invalid('office_organ_overlap'),
  office_person_organs_during_ck: () => invalid('office_dates'),
  office_projects_building_ck: () => invalid('office_project_dates'),
  office_requests_exchange_ck: () => invalid('office_path_room'),
  office_requests_cost_ck: () => invalid('office_cost_invalid'),
  office_leases_ck: () => invalid('office_lease_invalid'),
  office_leases_request_uq: () => conflict('office_follow_up_exists'),
  office_projects_request_uq: () => conflict('office_follow_up_exists'),
  office_projects_area_ck: () => invalid('office_project_invalid'),
  office_projects_status_ck: () => invalid('office_project_dates'),
  office_occupancies_main_ex: () => invalid('office_main_overlap'),
  office_occupancies_same_room_ex: () => invalid('office_same_room_overlap'),
  office_room_uses_during_ck: () => invalid('office_dates'),
  office_occupancies_during_ck: () => invalid('office_dates'),
  office_rectifications_open_uq: () => conflict('office_rectification_exists'),
  office_requests_kind_ck: () => invalid('office_request_fields'),
  office_requests_area_ck: () => invalid('office_area_invalid'),
};

/** A PostgreSQL rule violation as the error the user sees, or undefined for anything else. */
export function officeDbError(err: unknown): AppError | undefined {
  const e = err as { code?: string; constraint?: string; message?: string; cause?: { code?: string; constraint?: string; message?: string } };
  const code = e.code ?? e.cause?.code;
  const constraint = e.constraint ?? e.cause?.constraint;
  if (constraint && BY_CONSTRAINT[constraint]) return BY_CONSTRAINT[constraint]();
  // range constructor: lower bound after upper bound
  if (code === '22000' || /range lower bound must be less than or equal/.test(e.message ?? e.cause?.message ?? '')) return invalid('office_dates');
  return undefined;
}

/** Runs a write and turns database rule violations into clear errors. */
export async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw officeDbError(e) ?? e;
  }
}
