/**
 * Permissions are named `<module>.<action>` and registered by the code that checks them; built-in
 * roles are defined here and synchronised into the database at start (see roles.service.ts), so a
 * new module's permissions reach the built-in roles without a migration.
 */
export interface PermissionDef { code: string; nameZh: string; nameEn: string }

const registry = new Map<string, PermissionDef & { module: string }>();

export function registerPermissions(module: string, defs: PermissionDef[]): void {
  for (const d of defs) {
    if (!d.code.startsWith(`${module}.`)) throw new Error(`Permission ${d.code} must start with "${module}."`);
    registry.set(d.code, { ...d, module });
  }
}

export function allPermissions(): (PermissionDef & { module: string })[] {
  return [...registry.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export function isPermission(code: string): boolean {
  return registry.has(code);
}

/** Held by every signed-in user: own profile, own notifications, own approvals, own jobs. */
export const SELF = 'kernel.self';

registerPermissions('kernel', [
  { code: SELF, nameZh: '个人事务', nameEn: 'Own account and inbox' },
  { code: 'kernel.org.read', nameZh: '查看组织机构', nameEn: 'View org units' },
  { code: 'kernel.org.write', nameZh: '维护组织机构', nameEn: 'Manage org units' },
  { code: 'kernel.users.read', nameZh: '查看用户', nameEn: 'View users' },
  { code: 'kernel.users.write', nameZh: '维护用户', nameEn: 'Manage users' },
  { code: 'kernel.users.pii', nameZh: '查看完整个人信息', nameEn: 'See personal data unmasked' },
  { code: 'kernel.roles.read', nameZh: '查看角色', nameEn: 'View roles' },
  { code: 'kernel.roles.write', nameZh: '维护自定义角色', nameEn: 'Manage custom roles' },
  { code: 'kernel.roles.grant', nameZh: '授予与撤销角色', nameEn: 'Grant and revoke roles' },
  { code: 'kernel.audit.read', nameZh: '查看与导出审计日志', nameEn: 'Read and export the audit log' },
  { code: 'kernel.settings.read', nameZh: '查看系统设置', nameEn: 'View settings' },
  { code: 'kernel.settings.write', nameZh: '修改系统设置', nameEn: 'Change settings' },
  { code: 'kernel.security.write', nameZh: '修改安全策略', nameEn: 'Change the security policy' },
  { code: 'kernel.approvals.decide', nameZh: '审批', nameEn: 'Decide approvals' },
  { code: 'kernel.files.write', nameZh: '上传附件', nameEn: 'Upload attachments' },
  { code: 'kernel.metrics.read', nameZh: '查看统计指标', nameEn: 'Read live metrics' },
]);

export interface BuiltinRole {
  code: string;
  nameZh: string;
  nameEn: string;
  description: string;
  isAdmin: boolean;
  permissions: string[];
}

/** 三员分立: the three admin roles never share a permission that crosses their duties. */
export const ADMIN_TRIAD = ['sys_admin', 'sec_admin', 'audit_admin'] as const;

/**
 * Duty permissions belong to the three admin roles only: a custom role may not carry them, or the
 * security admin could hand the system admin the audit log (or itself account management).
 */
export const DUTY_PERMISSIONS = new Set([
  'kernel.users.write', 'kernel.users.pii', 'kernel.org.write', 'kernel.settings.write',
  'kernel.roles.write', 'kernel.roles.grant', 'kernel.security.write',
  'kernel.audit.read',
]);

const builtinRoles: BuiltinRole[] = [
  {
    code: 'sys_admin', nameZh: '系统管理员', nameEn: 'System admin', isAdmin: true,
    description: 'Accounts, org units and settings; no audit log, no grants',
    permissions: ['kernel.org.read', 'kernel.org.write', 'kernel.users.read', 'kernel.users.write', 'kernel.users.pii', 'kernel.settings.read', 'kernel.settings.write'],
  },
  {
    code: 'sec_admin', nameZh: '安全管理员', nameEn: 'Security admin', isAdmin: true,
    description: 'Grants roles and permissions, sets the security policy; nothing else',
    permissions: ['kernel.roles.read', 'kernel.roles.write', 'kernel.roles.grant', 'kernel.users.read', 'kernel.org.read', 'kernel.security.write'],
  },
  {
    code: 'audit_admin', nameZh: '审计管理员', nameEn: 'Audit admin', isAdmin: true,
    description: 'Reads the audit log, including the other admins’ actions; nothing else',
    permissions: ['kernel.audit.read'],
  },
  {
    code: 'bureau_staff', nameZh: '机关事务局工作人员', nameEn: 'Bureau staff', isAdmin: false,
    description: 'Government affairs bureau staff: review, approve and analyse within their region',
    permissions: ['kernel.org.read', 'kernel.users.read', 'kernel.approvals.decide', 'kernel.files.write', 'kernel.metrics.read'],
  },
  {
    code: 'organ_admin', nameZh: '单位管理员', nameEn: 'Organ administrator', isAdmin: false,
    description: 'Keeps one organ’s data and submits its requests',
    permissions: ['kernel.org.read', 'kernel.users.read', 'kernel.approvals.decide', 'kernel.files.write', 'kernel.metrics.read'],
  },
  {
    code: 'employee', nameZh: '职工', nameEn: 'Employee', isAdmin: false,
    description: 'Staff self-service',
    permissions: [],
  },
];

export function builtinRoleDefs(): BuiltinRole[] {
  return builtinRoles;
}

/**
 * A module's own built-in role (e.g. the canteen's kitchen staff), registered at import like its
 * permissions and synchronised into the database at start.
 */
export function registerBuiltinRole(role: Omit<BuiltinRole, 'isAdmin'>): void {
  if (builtinRoles.some((r) => r.code === role.code)) throw new Error(`Built-in role ${role.code} exists`);
  if (role.permissions.some((p) => DUTY_PERMISSIONS.has(p))) throw new Error('A module role may not carry duty permissions');
  builtinRoles.push({ ...role, isAdmin: false, permissions: [...role.permissions] });
}

/** Modules grant their permissions to built-in roles at registration. */
export function grantToBuiltinRole(roleCode: string, permissions: string[]): void {
  const role = builtinRoles.find((r) => r.code === roleCode);
  if (!role) throw new Error(`No built-in role ${roleCode}`);
  if ((ADMIN_TRIAD as readonly string[]).includes(roleCode)) throw new Error('Modules do not extend the three admin roles');
  role.permissions.push(...permissions.filter((p) => !role.permissions.includes(p)));
}
