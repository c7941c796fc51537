import type { QueryClient } from '@tanstack/react-query';
import type { OrgUnit, Page } from './contracts';
import { api } from './api';

/** Lists may come bare or paged; accept both. */
export const asList = <T,>(x: T[] | Page<T> | undefined): T[] => (Array.isArray(x) ? x : (x?.items ?? []));

export const orgChildrenKey = (parentId: number | null) => ['org', 'children', parentId ?? 'root'] as const;

/** Children of a unit, or the roots visible to the caller when `parentId` is null. */
export const fetchOrgChildren = async (parentId: number | null): Promise<OrgUnit[]> =>
  asList(await api.get<OrgUnit[] | Page<OrgUnit>>('/api/org/units', { parentId }));

export const searchOrgUnits = async (q: string): Promise<OrgUnit[]> =>
  asList(await api.get<OrgUnit[] | Page<OrgUnit>>('/api/org/units/search', { q }));

export const fetchOrgUnit = (id: number): Promise<OrgUnit> => api.get<OrgUnit>(`/api/org/units/${id}`);

export const loadOrgChildren = (qc: QueryClient, parentId: number | null): Promise<OrgUnit[]> =>
  qc.fetchQuery({ queryKey: orgChildrenKey(parentId), queryFn: () => fetchOrgChildren(parentId), staleTime: 30_000 });
