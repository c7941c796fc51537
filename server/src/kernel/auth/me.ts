import { eq, inArray } from 'drizzle-orm';
import type { Me } from '@guanjia/contracts';
import type { Db } from '../../db/client';
import { orgUnits } from '../org/org.schema';
import type { Actor } from './actor';
import { SELF } from './permissions';
import { getSetting } from '../settings/settings.service';
import { totpRequired } from './auth.service';
import { qualifiedUnitName } from '../users/users.service';

/** What the shell needs about the caller: permissions for the menu, the acting scopes. */
export async function buildMe(db: Db, actor: Actor): Promise<Me> {
  const unitIds = [...new Set([actor.orgUnitId, ...actor.roles.map((r) => r.scopeUnitId)])];
  const units = await db.select({ id: orgUnits.id, name: qualifiedUnitName }).from(orgUnits).where(inArray(orgUnits.id, unitIds));
  const nameOf = (id: number) => units.find((u) => u.id === id)?.name ?? '';
  const scopes = new Map<number, string[]>();
  for (const r of actor.roles) scopes.set(r.scopeUnitId, [...(scopes.get(r.scopeUnitId) ?? []), actor.locale === 'en' ? r.nameEn : r.nameZh]);
  const roles = new Map(actor.roles.map((r) => [r.code, { code: r.code, nameZh: r.nameZh, nameEn: r.nameEn }]));
  const policy = await getSetting(db, 'password-policy');
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    orgUnitId: actor.orgUnitId,
    orgUnitName: nameOf(actor.orgUnitId),
    locale: actor.locale,
    permissions: [SELF, ...actor.grants.keys()].sort(),
    scopes: [...scopes].map(([unitId, roleNames]) => ({ unitId, unitName: nameOf(unitId), roles: roleNames })),
    roles: [...roles.values()],
    mustChangePassword: actor.mustChangePassword,
    totpEnabled: actor.totpEnabled,
    totpSetupRequired: !actor.totpEnabled && (await totpRequired(db, actor.userId)),
    csrfToken: actor.csrfToken,
    idleTimeoutMinutes: policy.idleTimeoutMinutes,
  };
}

export async function unitName(db: Db, id: number): Promise<string> {
  const [u] = await db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, id));
  return u?.name ?? '';
}
