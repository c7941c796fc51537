import { sql } from 'drizzle-orm';
import { registerWorkflow } from '../../kernel/approvals/workflows';
import { today } from '../../kernel/excel/reply';
import { invalid } from '../../kernel/http/errors';
import { changeUse, one, rows } from './registry.service';

/**
 * Approvals of the module. The bureau of the applicant's region decides (机关事务管理局). Each
 * callback runs in the decision's transaction, so the registry changes with the decision or not at all.
 */
const bureau = [{ nameZh: '机关事务管理局审核', nameEn: 'Bureau review', role: 'bureau_staff', target: 'applicant_region' as const }];

registerWorkflow({
  type: 'office.rectification', nameZh: '办公用房整改销号', nameEn: 'Close an office rectification case', objectType: 'office_rectification', steps: bureau,
  async onApproved(tx, req) {
    await tx.execute(sql`update office_rectifications set status = 'closed', closed_on = ${today()}::date where id = ${Number(req.objectId)}`);
  },
  async onRejected(tx, req) {
    await tx.execute(sql`update office_rectifications set status = 'open', approval_id = null where id = ${Number(req.objectId)}`);
  },
  async onReturned(tx, req) {
    await tx.execute(sql`update office_rectifications set status = 'open' where id = ${Number(req.objectId)}`);
  },
});

/**
 * 腾退: the organ reports the room handed back on a day; on approval the occupancy ends the day
 * before, the task is done, and if nobody else sits in the room from that day on, the room leaves
 * use and enters the vacancy pool (its use history keeps the days it was in use).
 */
registerWorkflow({
  type: 'office.vacate', nameZh: '办公用房腾退确认', nameEn: 'Confirm a vacated office', objectType: 'office_vacate_task', steps: bureau,
  async onApproved(tx, req) {
    const id = Number(req.objectId);
    const t = await one<{ occupancyId: number; roomId: number; vacatedOn: string }>(tx, sql`select t.occupancy_id as "occupancyId", o.room_id as "roomId", to_char(t.vacated_on, 'YYYY-MM-DD') as "vacatedOn"
      from office_vacate_tasks t join office_occupancies o on o.id = t.occupancy_id where t.id = ${id}`);
    if (!t) return;
    await tx.execute(sql`update office_occupancies set during = daterange(lower(during), least(upper(during), ${t.vacatedOn}::date)) where id = ${t.occupancyId}`);
    await tx.execute(sql`update office_vacate_tasks set done_on = vacated_on where id = ${id}`);
    const use = await one<{ orgUnitId: number }>(tx, sql`select u.org_unit_id as "orgUnitId" from office_room_uses u
      where u.room_id = ${t.roomId} and upper_inf(u.during) and lower(u.during) <= ${t.vacatedOn}::date and u.status = 'in_use'
        and not exists (select 1 from office_occupancies o where o.room_id = u.room_id and o.during && daterange(${t.vacatedOn}::date, null))`);
    if (use) await changeUse(tx, t.roomId, { status: 'vacant', orgUnitId: use.orgUnitId, departmentId: null, from: t.vacatedOn });
  },
  async onRejected(tx, req) {
    await tx.execute(sql`update office_vacate_tasks set approval_id = null, vacated_on = null where id = ${Number(req.objectId)} and done_on is null`);
  },
  async onReturned(tx, req) {
    await tx.execute(sql`update office_vacate_tasks set approval_id = null, vacated_on = null where id = ${Number(req.objectId)} and done_on is null`);
  },
});

const decided = (status: string) => async (tx: Parameters<NonNullable<Parameters<typeof registerWorkflow>[0]['onRejected']>>[0], req: { objectId: string }) => {
  await tx.execute(sql`update office_requests set status = ${status}, decided_on = ${today()}::date where id = ${Number(req.objectId)}`);
};

registerWorkflow({
  type: 'office.allocation', nameZh: '办公用房分配申请', nameEn: 'Office space allocation request', objectType: 'office_request', steps: bureau,
  /**
   * Reassign or swap: the chosen room passes to the organ from today and the allocation certificate
   * is numbered. Lease or build: the decision records the path (the bureau then leases or builds).
   */
  async onApproved(tx, req) {
    const id = Number(req.objectId);
    const r = await one<{ roomId: number | null; giveRoomId: number | null; orgUnitId: number }>(tx, sql`select room_id as "roomId", give_room_id as "giveRoomId", org_unit_id as "orgUnitId" from office_requests where id = ${id}`);
    if (r?.roomId && r.giveRoomId) {
      // 两房互换, both halves in this one transaction: each room passes to the other organ from today,
      // provided nobody sits in either (checked again now; otherwise the decision fails and nothing changes).
      const both = await rows<{ roomId: number; orgUnitId: number; busy: boolean }>(tx, sql`select u.room_id as "roomId", u.org_unit_id as "orgUnitId",
          exists (select 1 from office_occupancies o where o.room_id = u.room_id and o.during && daterange(${today()}::date, null)) as busy
        from office_room_uses u where u.room_id in (${r.roomId}, ${r.giveRoomId}) and u.during @> ${today()}::date and u.status = 'in_use'`);
      const taken = both.find((x) => x.roomId === r.roomId);
      const given = both.find((x) => x.roomId === r.giveRoomId);
      if (!taken || !given || taken.busy || given.busy || given.orgUnitId !== r.orgUnitId || taken.orgUnitId === r.orgUnitId) throw invalid('office_exchange_room');
      await changeUse(tx, r.roomId, { status: 'in_use', orgUnitId: r.orgUnitId, departmentId: null, from: today() });
      await changeUse(tx, r.giveRoomId, { status: 'in_use', orgUnitId: taken.orgUnitId, departmentId: null, from: today() });
    } else if (r?.roomId) await changeUse(tx, r.roomId, { status: 'in_use', orgUnitId: r.orgUnitId, departmentId: null, from: today() });
    await tx.execute(sql`update office_requests set status = 'approved', decided_on = ${today()}::date,
      certificate_no = case when room_id is null then null else '办分配〔' || extract(year from current_date)::int || '〕' || lpad(id::text, 5, '0') || '号' end where id = ${id}`);
  },
  onRejected: decided('rejected'),
  onReturned: decided('returned'),
});

registerWorkflow({
  type: 'office.repair', nameZh: '办公用房维修申请', nameEn: 'Office repair request', objectType: 'office_request', steps: bureau,
  async onApproved(tx, req) {
    const id = Number(req.objectId);
    const r = await one<{ roomId: number; method: string; orgUnitId: number }>(tx, sql`select q.room_id as "roomId", q.method, r.org_unit_id as "orgUnitId" from office_requests q join office_rooms r on r.id = q.room_id where q.id = ${id}`);
    // 大中修: the room is out of use while the bureau's planned works run.
    if (r && r.method === 'major') {
      await changeUse(tx, r.roomId, { status: 'under_repair', orgUnitId: r.orgUnitId, departmentId: null, from: today() });
      // …and enters the bureau's works plan for its year (GET /api/office/works-plan).
      await tx.execute(sql`update office_requests set works_status = 'planned', plan_year = coalesce(plan_year, ${Number(today().slice(0, 4))}) where id = ${id}`);
    }
    await decided('approved')(tx, req);
  },
  onRejected: decided('rejected'),
  onReturned: decided('returned'),
});

const DISPOSAL_STATUS: Record<string, string> = { reassign: 'vacant', change_use: 'vacant', swap: 'vacant', lease_out: 'leased_out', auction: 'disposed', demolish: 'disposed' };

registerWorkflow({
  type: 'office.disposal', nameZh: '闲置办公用房处置', nameEn: 'Disposal of idle office space', objectType: 'office_request', steps: bureau,
  async onApproved(tx, req) {
    const id = Number(req.objectId);
    const r = await one<{ roomId: number; method: string; orgUnitId: number }>(tx, sql`select q.room_id as "roomId", q.method, r.org_unit_id as "orgUnitId" from office_requests q join office_rooms r on r.id = q.room_id where q.id = ${id}`);
    if (r) {
      // An occupied room cannot be disposed of: occupancies end today (a vacate task is not needed: the bureau decided).
      await tx.execute(sql`update office_occupancies set during = daterange(lower(during), current_date) where room_id = ${r.roomId} and upper_inf(during) and lower(during) < current_date`);
      await changeUse(tx, r.roomId, { status: DISPOSAL_STATUS[r.method] ?? 'vacant', orgUnitId: r.orgUnitId, departmentId: null, from: today() });
    }
    await decided('approved')(tx, req);
  },
  onRejected: decided('rejected'),
  onReturned: decided('returned'),
});
