// npm run admin:grant -- <username> <role code> [scope division code]
// The operator's bootstrap for a production install: the first start creates only the system admin,
// who may not grant roles (三员分立); this grants the first security and audit admins from the
// server console. Recorded in the audit trail as the system; separation of duties still holds.
import { eq, sql } from 'drizzle-orm';
import { roleAssignments, roles, users } from '../kernel/auth/auth.schema';
import { audit } from '../kernel/audit/audit.service';
import { assertSeparationOfDuties } from '../kernel/roles/roles.service';
import { syncBuiltinRoles } from '../kernel/roles/roles.service';
import { migrate } from '../db/migrate';
import { openConfigured } from './open';

const [username, roleCode, scopeCode] = process.argv.slice(2);
if (!username || !roleCode) {
  console.error('Usage: npm run admin:grant -- <username> <role code, e.g. sec_admin> [division code of the scope; default: the root]');
  process.exit(1);
}
const database = await openConfigured();
try {
  await migrate(database.db);
  await syncBuiltinRoles(database.db);
  await database.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
    if (!user) throw new Error(`No user ${username}: create the account first (system admin → 用户管理)`);
    const [role] = await tx.select().from(roles).where(eq(roles.code, roleCode));
    if (!role) throw new Error(`No role ${roleCode}`);
    const scope = await tx.execute(scopeCode ? sql`select id from org_units where region_code = ${scopeCode}` : sql`select id from org_units where parent_id is null order by id limit 1`);
    const scopeId = (scope.rows[0] as { id: number } | undefined)?.id;
    if (!scopeId) throw new Error(`No org unit ${scopeCode ?? '(root)'}`);
    await assertSeparationOfDuties(tx, user.id, role.id).catch(() => {
      throw new Error('Separation of duties: this user already holds another of the three admin roles');
    });
    const [a] = await tx.insert(roleAssignments).values({ userId: user.id, roleId: role.id, scopeUnitId: scopeId }).onConflictDoNothing().returning();
    await audit(tx, { userId: null, username: 'system(cli)', orgUnitId: null, ip: '127.0.0.1' }, { action: 'role.grant', objectType: 'user', objectId: user.id, after: a ?? { existing: true } });
  });
  console.log(`Granted ${roleCode} to ${username}.`);
} catch (e) {
  console.error(`Nothing changed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
