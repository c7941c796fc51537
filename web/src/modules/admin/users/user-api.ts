import { useQuery } from '@tanstack/react-query';
import type { ImportResult, OneTimePassword, Page, Rank, User, UserCreate, UserUpdate } from '../../../kernel/contracts';
import { api, type QueryParams } from '../../../kernel/api';

/** The list filters, as kept in the URL and sent to both the list and the export. */
export interface UserFilters extends QueryParams {
  q?: string;
  orgUnitId?: number;
  active?: 'true' | 'false';
}

export const usersKey = ['users'] as const;

export const fetchUsers = (f: UserFilters, page: number, pageSize: number) =>
  api.get<Page<User>>('/api/users', { ...f, page, pageSize });
export const createUser = (body: UserCreate) => api.post<OneTimePassword>('/api/users', body);
export const updateUser = (id: number, body: UserUpdate) => api.patch<User>(`/api/users/${id}`, body);
export const resetPassword = (id: number) => api.post<OneTimePassword>(`/api/users/${id}/reset-password`);
export const unlockUser = (id: number) => api.post<User>(`/api/users/${id}/unlock`);
export const exportUsers = (f: UserFilters) => api.download('/api/users/export', f, 'users.xlsx');
export const downloadImportTemplate = () => api.download('/api/users/import-template', undefined, 'users-template.xlsx');
export const importUsers = (file: File) => api.upload<ImportResult>('/api/users/import', file, 'file', file.name);

/** Ranks (职级) for the rank select and the list column. */
export function useRanks() {
  return useQuery({ queryKey: ['org', 'ranks'], queryFn: () => api.get<Rank[]>('/api/org/ranks'), staleTime: Infinity });
}
