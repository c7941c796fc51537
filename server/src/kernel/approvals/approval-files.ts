import { eq } from 'drizzle-orm';
import { scopeOf } from '../auth/actor';
import { registerFileOwner } from '../files/files.service';
import { approvalRequests } from './approvals.schema';

/**
 * Evidence on an approval: the applicant attaches files while it is open; the applicant and the
 * approvers whose scope covers the applicant's unit read them.
 */
export function registerApprovalFiles(): void {
  registerFileOwner('approval', {
    readable: async (db, actor, objectId) => {
      const [r] = await db.select().from(approvalRequests).where(eq(approvalRequests.id, Number(objectId) || 0));
      if (!r) return undefined;
      if (r.applicantId === actor.userId) return r.applicantUnitId;
      return (await scopeOf(actor, 'kernel.approvals.decide').contains(db, r.applicantUnitId)) ? r.applicantUnitId : undefined;
    },
    writable: async (db, actor, objectId) => {
      const [r] = await db.select().from(approvalRequests).where(eq(approvalRequests.id, Number(objectId) || 0));
      // Evidence is the applicant's until a decision is made on it: open while returned, or pending at the first step.
      const open = r && (r.status === 'returned' || (r.status === 'pending' && r.stepIndex === 0));
      return r && open && r.applicantId === actor.userId ? r.applicantUnitId : undefined;
    },
  });
}
