import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client';
import { AppError } from '../../kernel/http/errors';

type SystemKind = 'cash' | 'bank' | 'revenue' | 'subsidy';

const one = <T>(r: { rows: Record<string, unknown>[] }) => r.rows[0] as T | undefined;

/** The person's meal account, opened on first use (concurrent first uses open one account). */
export async function personAccount(tx: Db | Tx, userId: number): Promise<number> {
  const found = one<{ id: number }>(await tx.execute(sql`select id from canteen_accounts where kind = 'person' and user_id = ${userId}`));
  if (found) return found.id;
  await tx.execute(sql`insert into canteen_accounts (kind, org_unit_id, user_id)
    select 'person', org_unit_id, id from users where id = ${userId}
    on conflict (user_id) where kind = 'person' do nothing`);
  return one<{ id: number }>(await tx.execute(sql`select id from canteen_accounts where kind = 'person' and user_id = ${userId}`))!.id;
}

/** One of a canteen's own accounts (cash drawer, bank clearing, revenue, subsidy fund). */
export async function systemAccount(tx: Db | Tx, canteenId: number, kind: SystemKind): Promise<number> {
  const found = one<{ id: number }>(await tx.execute(sql`select id from canteen_accounts where canteen_id = ${canteenId} and kind = ${kind}`));
  if (found) return found.id;
  await tx.execute(sql`insert into canteen_accounts (kind, org_unit_id, canteen_id)
    select ${kind}, org_unit_id, id from canteen_canteens where id = ${canteenId}
    on conflict (canteen_id, kind) where kind <> 'person' do nothing`);
  return one<{ id: number }>(await tx.execute(sql`select id from canteen_accounts where canteen_id = ${canteenId} and kind = ${kind}`))!.id;
}

export interface Posting {
  kind: 'charge' | 'refund' | 'topup' | 'subsidy' | 'adjust';
  from: number;
  to: number;
  amountFen: number;
  /** Unique for the business event ('booking:12:charge'): a second posting with it is a no-op. */
  key: string;
  canteenId: number;
  memo: string;
  createdBy: number | null;
}

export function isOverdraft(e: unknown): boolean {
  const err = e as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  return (err.code ?? err.cause?.code) === '23514' && (err.constraint ?? err.cause?.constraint) === 'canteen_accounts_overdraft';
}

/**
 * Posts one movement. Returns false when the key was already posted (a retry). The balance check
 * is the database's (CHECK on canteen_accounts): a charge beyond the balance and overdraft fails
 * with `canteen_insufficient_balance` and the caller's transaction rolls back.
 */
export async function post(tx: Tx, p: Posting): Promise<boolean> {
  if (!Number.isSafeInteger(p.amountFen) || p.amountFen <= 0) throw new AppError('canteen_amount_invalid', 400);
  try {
    const r = await tx.execute(sql`insert into canteen_ledger (kind, from_account_id, to_account_id, amount_fen, key, canteen_id, memo, created_by)
      values (${p.kind}, ${p.from}, ${p.to}, ${p.amountFen}, ${p.key}, ${p.canteenId}, ${p.memo}, ${p.createdBy})
      on conflict (key) do nothing returning id`);
    return r.rows.length > 0;
  } catch (e) {
    if (isOverdraft(e)) throw new AppError('canteen_insufficient_balance', 409);
    throw e;
  }
}

export async function balanceOf(tx: Tx, userId: number): Promise<{ id: number; balanceFen: number; overdraftFen: number }> {
  const id = await personAccount(tx, userId);
  const r = one<{ id: number; balanceFen: number; overdraftFen: number }>(await tx.execute(sql`select id, balance_fen::int as "balanceFen", overdraft_fen as "overdraftFen" from canteen_accounts where id = ${id}`));
  return r!;
}
