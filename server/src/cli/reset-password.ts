// npm run admin:reset-password -- <username>
// The operator's way to reset an account the system admin may not touch (security and audit
// admins, 三员分立) or a system admin who lost access. Prints a one-time password once.
import { eq, sql } from 'drizzle-orm';
import { users } from '../kernel/auth/auth.schema';
import { hashPassword, oneTimePassword } from '../kernel/auth/password';
import { destroyUserSessions } from '../kernel/auth/session';
import { audit } from '../kernel/audit/audit.service';
import { openConfigured } from './open';

const username = process.argv[2];
if (!username) {
  console.error('Usage: npm run admin:reset-password -- <username>');
  process.exit(1);
}
const database = await openConfigured();
try {
  const otp = oneTimePassword();
  const passwordHash = await hashPassword(otp);
  await database.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
    if (!user) throw new Error(`No user ${username}`);
    await tx.update(users).set({ passwordHash, mustChangePassword: true, passwordChangedAt: new Date(), failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await destroyUserSessions(tx, user.id);
    await audit(tx, { userId: null, username: 'system(cli)', orgUnitId: null, ip: '127.0.0.1' }, { action: 'user.password.reset', objectType: 'user', objectId: user.id });
  });
  console.log(`One-time password for ${username} (shown only now; to be changed at sign-in): ${otp}`);
} catch (e) {
  console.error(`Nothing changed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
