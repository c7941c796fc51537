import { useQuery } from '@tanstack/react-query';
import type { AssignmentCreate, Page, Permission, Role, RoleAssignment, RoleCreate, RoleUpdate, User } from '../../../kernel/contracts';
import { api } from '../../../kernel/api';

export const rolesKey = ['roles'] as const;
export const assignmentsKey = ['role-assignments'] as const;

export const useRoles = () => useQuery({ queryKey: rolesKey, queryFn: () => api.get<Role[]>('/api/roles') });
export const usePermissions = () =>
  useQuery({ queryKey: ['permissions'], queryFn: () => api.get<Permission[]>('/api/permissions'), staleTime: Infinity });

export const createRole = (body: RoleCreate) => api.post<Role>('/api/roles', body);
export const updateRole = (id: number, body: RoleUpdate) => api.patch<Role>(`/api/roles/${id}`, body);
export const deleteRole = (id: number) => api.delete(`/api/roles/${id}`);

export interface AssignmentFilters {
  userId?: number;
  roleId?: number;
}
export const fetchAssignments = (f: AssignmentFilters, page: number, pageSize: number) =>
  api.get<Page<RoleAssignment>>('/api/role-assignments', { ...f, page, pageSize });
export const grantRole = (body: AssignmentCreate) => api.post<RoleAssignment>('/api/role-assignments', body);
export const revokeRole = (id: number) => api.delete(`/api/role-assignments/${id}`);

export const searchUsers = (q: string) => api.get<Page<User>>('/api/users', { q, page: 1, pageSize: 20 });

/** Permissions grouped by module, in a stable order. */
export function groupByModule(perms: Permission[]): [string, Permission[]][] {
  const groups = new Map<string, Permission[]>();
  for (const p of perms) groups.set(p.module, [...(groups.get(p.module) ?? []), p]);
  return [...groups.entries()];
}
