import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { roleAssignments, roles, users } from '../kernel/auth/auth.schema';
import { hashPassword, oneTimePassword } from '../kernel/auth/password';
import { audit } from '../kernel/audit/audit.service';
import { insertUnit } from '../kernel/org/org.service';
import { orgUnits, ranks } from '../kernel/org/org.schema';
import { notify } from '../kernel/notifications/notifications.service';
import { qualifiedUnitName } from '../kernel/users/users.service';
import { withUsccCheck } from '../kernel/org/uscc';
import { DEMO_COUNTY, PREFECTURES, PROVINCE, RANKS } from './regions';
import { modules } from '../modules';

export const DEMO_PASSWORD = 'Guanjia@2026';
const SYSTEM = { userId: null, username: 'system', orgUnitId: null, ip: '127.0.0.1' };

let usccSeq = 0;
/** A valid unified social credit code for an organ (category 1, type 1: 机关) in a division. */
const organUscc = (regionCode: string) => withUsccCheck(`11${regionCode.slice(0, 6)}MB${String(++usccSeq).padStart(7, '0')}`);

export async function isEmpty(db: Db | Tx): Promise<boolean> {
  const r = await db.execute(sql`select count(*)::int as n from users`);
  return (r.rows[0] as { n: number }).n === 0;
}

async function seedRanks(tx: Tx): Promise<void> {
  await tx.insert(ranks).values(RANKS.map(([code, nameZh, nameEn], i) => ({ code, nameZh, nameEn, sort: i }))).onConflictDoNothing();
}

async function organ(tx: Tx, parentId: number, regionCode: string, name: string, level: 'central' | 'provincial' | 'prefectural' | 'county' | 'township', departments: string[]) {
  const o = await insertUnit(tx, { kind: 'organ', parentId, name, organLevel: level, uscc: organUscc(regionCode) }, null);
  const deps = [];
  for (const [i, d] of departments.entries()) deps.push(await insertUnit(tx, { kind: 'department', parentId: o.id, name: d, sort: i }, null));
  return { organ: o, deps };
}

const ADMIN_TITLES: [string, string][] = [['sys_admin', '系统管理员'], ['sec_admin', '安全管理员'], ['audit_admin', '审计管理员']];

/** The three admins of a prefecture or county bureau: `hrb.sysadmin`, `hrb.secadmin`, `hrb.auditadmin`. */
function regionAdmins(abbr: string, place: string, unit: { region: number; bureau: number }): DemoUser[] {
  return ADMIN_TITLES.map(([role, title]) => ({
    username: `${abbr}.${role.replace('_', '')}`, displayName: `${place}${title}`, orgUnitId: unit.bureau, rank: 'staff', roles: [[role, unit.region]],
  }));
}

interface DemoUser { username: string; displayName: string; orgUnitId: number; rank: string; roles: [string, number][] }

/** The demo province: regions, organs at every level with departments, and users for every role. */
export async function seedDemo(db: Db): Promise<DemoUser[] | null> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727003)`);
    if (!(await isEmpty(tx))) return null; // another instance seeded first
    await seedRanks(tx);
    const province = await insertUnit(tx, { kind: 'region', parentId: null, name: PROVINCE.name, regionCode: PROVINCE.code, regionLevel: 'province' }, null);
    const bureau = await organ(tx, province.id, PROVINCE.code, '黑龙江省机关事务管理局', 'provincial', ['办公室', '房产管理处', '公共机构节能处', '财务处', '后勤服务中心']);
    const finance = await organ(tx, province.id, PROVINCE.code, '黑龙江省财政厅', 'provincial', ['办公室', '预算处', '资产管理处']);
    await organ(tx, province.id, PROVINCE.code, '黑龙江省发展和改革委员会', 'provincial', ['办公室', '规划处']);
    // A central-level organ stationed in the province (中央驻省单位).
    await organ(tx, province.id, PROVINCE.code, '国家统计局黑龙江调查总队', 'central', ['办公室']);
    const prefs = new Map<string, { region: number; bureau: number; finance: number }>();
    for (const [pi, p] of PREFECTURES.entries()) {
      const region = await insertUnit(tx, { kind: 'region', parentId: province.id, name: p.name, regionCode: p.code, regionLevel: 'prefecture', sort: pi }, null);
      const pb = await organ(tx, region.id, p.code, `${p.name.replace(/地区$/, '行政公署')}机关事务管理局`, 'prefectural', ['办公室', '房产科', '节能科']);
      const pf = await organ(tx, region.id, p.code, `${p.name}财政局`, 'prefectural', ['办公室', '预算科']);
      prefs.set(p.abbr, { region: region.id, bureau: pb.organ.id, finance: pf.organ.id });
      for (const [ci, [code, name]] of p.counties.entries()) {
        const county = await insertUnit(tx, { kind: 'region', parentId: region.id, name, regionCode: code, regionLevel: 'county', sort: ci }, null);
        const cb = await organ(tx, county.id, code, `${name}机关事务服务中心`, 'county', ['综合股', '房产股']);
        if (code === DEMO_COUNTY.code) {
          const cf = await organ(tx, county.id, code, `${name}财政局`, 'county', ['办公室']);
          const [tcode, tname] = DEMO_COUNTY.township;
          const town = await insertUnit(tx, { kind: 'region', parentId: county.id, name: tname, regionCode: tcode, regionLevel: 'township' }, null);
          const tg = await organ(tx, town.id, tcode, `${tname}人民政府`, 'township', ['党政办公室']);
          prefs.set(DEMO_COUNTY.abbr, { region: county.id, bureau: cb.organ.id, finance: cf.organ.id });
          prefs.set('bxz', { region: town.id, bureau: tg.organ.id, finance: tg.organ.id });
        }
      }
    }
    const hrb = prefs.get('hrb')!;
    const qqhr = prefs.get('qqhr')!;
    const bx = prefs.get('bx')!;
    const list: DemoUser[] = [
      { username: 'sysadmin', displayName: '系统管理员', orgUnitId: bureau.deps[0]!.id, rank: 'staff', roles: [['sys_admin', province.id]] },
      { username: 'secadmin', displayName: '安全管理员', orgUnitId: bureau.deps[0]!.id, rank: 'staff', roles: [['sec_admin', province.id]] },
      { username: 'auditadmin', displayName: '审计管理员', orgUnitId: bureau.deps[0]!.id, rank: 'staff', roles: [['audit_admin', province.id]] },
      { username: 'hlj.staff', displayName: '周明远', orgUnitId: bureau.deps[1]!.id, rank: 'division_chief', roles: [['bureau_staff', province.id]] },
      { username: 'hlj.organ', displayName: '孙丽华', orgUnitId: finance.deps[0]!.id, rank: 'deputy_division_chief', roles: [['organ_admin', finance.organ.id]] },
      { username: 'hlj.employee', displayName: '李晓东', orgUnitId: bureau.deps[4]!.id, rank: 'staff', roles: [['employee', bureau.organ.id]] },
      // Each prefecture and county bureau has its own three admins, scoped to its region.
      ...regionAdmins('hrb', '哈尔滨', hrb),
      ...regionAdmins('bx', '宾县', bx),
      { username: 'hrb.staff', displayName: '王建国', orgUnitId: hrb.bureau, rank: 'section_chief', roles: [['bureau_staff', hrb.region]] },
      { username: 'hrb.organ', displayName: '赵雪梅', orgUnitId: hrb.finance, rank: 'section_chief', roles: [['organ_admin', hrb.finance]] },
      { username: 'hrb.employee', displayName: '刘志强', orgUnitId: hrb.finance, rank: 'staff', roles: [['employee', hrb.finance]] },
      { username: 'qqhr.staff', displayName: '陈海峰', orgUnitId: qqhr.bureau, rank: 'section_chief', roles: [['bureau_staff', qqhr.region]] },
      { username: 'bx.staff', displayName: '杨春生', orgUnitId: bx.bureau, rank: 'deputy_section_chief', roles: [['bureau_staff', bx.region]] },
      { username: 'bx.organ', displayName: '黄秀英', orgUnitId: bx.finance, rank: 'staff', roles: [['organ_admin', bx.finance]] },
      { username: 'bx.employee', displayName: '马宏伟', orgUnitId: bx.finance, rank: 'staff', roles: [['employee', bx.finance]] },
    ];
    const roleIds = new Map((await tx.select({ id: roles.id, code: roles.code }).from(roles)).map((r) => [r.code, r.id]));
    for (const u of list) {
      const [row] = await tx.insert(users).values({ username: u.username, displayName: u.displayName, orgUnitId: u.orgUnitId, rank: u.rank, passwordHash, mustChangePassword: false }).returning();
      for (const [code, scope] of u.roles) await tx.insert(roleAssignments).values({ userId: row!.id, roleId: roleIds.get(code)!, scopeUnitId: scope });
      const unit = await tx.select({ name: qualifiedUnitName }).from(orgUnits).where(eq(orgUnits.id, u.orgUnitId));
      await notify(tx, [row!.id], 'notify.welcome', { unit: unit[0]?.name ?? '' });
    }
    for (const m of modules) await m.seedDemo?.(tx);
    await audit(tx, SYSTEM, { action: 'system.seed.demo', after: { users: list.length } });
    return list;
  });
}

/**
 * Production first start: the root region, the bureau, and one system admin whose one-time
 * password is returned to be printed once; it must be changed at first sign-in.
 */
export async function seedProduction(db: Db, root: { code: string; name: string; bureau: string }): Promise<{ username: string; password: string } | null> {
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const created = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727003)`);
    if (!(await isEmpty(tx))) return false;
    await seedRanks(tx);
    const region = await insertUnit(tx, { kind: 'region', parentId: null, name: root.name, regionCode: root.code, regionLevel: 'province' }, null);
    const bureau = await insertUnit(tx, { kind: 'organ', parentId: region.id, name: root.bureau, organLevel: 'provincial' }, null);
    const [admin] = await tx.insert(users).values({ username: 'sysadmin', displayName: '系统管理员', orgUnitId: bureau.id, passwordHash, mustChangePassword: true }).returning();
    const [role] = await tx.select().from(roles).where(sql`${roles.code} = 'sys_admin'`);
    await tx.insert(roleAssignments).values({ userId: admin!.id, roleId: role!.id, scopeUnitId: region.id });
    await audit(tx, SYSTEM, { action: 'system.seed.production', objectType: 'user', objectId: admin!.id });
    return true;
  });
  return created ? { username: 'sysadmin', password } : null;
}
