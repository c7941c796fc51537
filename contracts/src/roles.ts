import { z } from 'zod';

export const Permission = z.object({
  code: z.string(),
  module: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  /** A duty of the three admins (三员分立): not allowed in custom roles. */
  reserved: z.boolean(),
});
export type Permission = z.infer<typeof Permission>;

export const Role = z.object({
  id: z.number().int(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  description: z.string().nullable(),
  builtin: z.boolean(),
  isAdmin: z.boolean(),
  permissions: z.array(z.string()),
});
export type Role = z.infer<typeof Role>;

export const RoleCreate = z.object({
  code: z.string().trim().min(2).max(40).regex(/^[a-z][a-z0-9_]*$/),
  nameZh: z.string().trim().min(1).max(50),
  nameEn: z.string().trim().min(1).max(80),
  description: z.string().max(500).nullable().optional(),
  permissions: z.array(z.string()).max(500),
});
export const RoleUpdate = RoleCreate.omit({ code: true }).partial();

export const RoleAssignment = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  roleId: z.number().int(),
  roleCode: z.string(),
  roleNameZh: z.string(),
  roleNameEn: z.string(),
  scopeUnitId: z.number().int(),
  scopeUnitName: z.string(),
  createdAt: z.string(),
});
export type RoleAssignment = z.infer<typeof RoleAssignment>;
export const AssignmentCreate = z.object({
  userId: z.number().int().positive(),
  roleId: z.number().int().positive(),
  scopeUnitId: z.number().int().positive(),
});
