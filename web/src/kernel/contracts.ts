/**
 * Types inferred from the shared zod contracts for schemas that do not export a type themselves.
 * Type-only: no zod code reaches the browser bundle.
 */
import type { z } from 'zod';
import type * as C from '@guanjia/contracts';

export type { Me, LoginResult, Locale, Page, OrgUnit, User, Role, Permission, RoleAssignment, AuditEntry, AuditQuery, ApprovalRequest, Notification, Job, PasswordPolicy, SecurityPolicy, FileMeta } from '@guanjia/contracts';

export type ApprovalStatus = z.infer<typeof C.ApprovalStatus>;
export type ApprovalAction = z.infer<typeof C.ApprovalAction>;
export type ApprovalDetail = z.infer<typeof C.ApprovalDetail>;
export type DecisionBody = z.infer<typeof C.DecisionBody>;
export type UnreadCount = z.infer<typeof C.UnreadCount>;
export type TotpSetup = z.infer<typeof C.TotpSetup>;
export type ChangePasswordBody = z.infer<typeof C.ChangePasswordBody>;
export type OrgKind = z.infer<typeof C.OrgKind>;
export type RegionLevel = z.infer<typeof C.RegionLevel>;
export type OrganLevel = z.infer<typeof C.OrganLevel>;
export type OrgUnitCreate = z.input<typeof C.OrgUnitCreate>;
export type OrgUnitUpdate = z.input<typeof C.OrgUnitUpdate>;
export type OrgUnitHistoryEntry = z.infer<typeof C.OrgUnitHistoryEntry>;
export type Rank = z.infer<typeof C.Rank>;
export type UserCreate = z.input<typeof C.UserCreate>;
export type UserUpdate = z.input<typeof C.UserUpdate>;
export type OneTimePassword = z.infer<typeof C.OneTimePassword>;
export type RoleCreate = z.input<typeof C.RoleCreate>;
export type RoleUpdate = z.input<typeof C.RoleUpdate>;
export type AssignmentCreate = z.infer<typeof C.AssignmentCreate>;
export type ImportError = z.infer<typeof C.ImportError>;
export type ImportResult = z.infer<typeof C.ImportResult>;
