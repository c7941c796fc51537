import { randomInt } from 'node:crypto';
import type { Db } from '../../db/client';
import { settle, type Outcome } from '../../db/group-commit';
import type { PreparedStatement } from '../../db/prepared';
import { AUDIT_CHAINS } from '../../kernel/audit/audit.service';

/** What a group statement answers per request: `n` (the request's place), and the single statement's fields. */
export interface GroupRow { n: number; id: unknown; needsAccounts: boolean }

/**
 * Writes one group of canteen requests (bookings or orders) with its group statement, and answers
 * each request. The group's audit records share one chain; its statement (like the single ones)
 * takes that chain's lock before any row lock, so statements on one chain queue instead of
 * deadlocking, and rows (stock by id, balances by account) are locked in one order. A
 * group of one runs the single statement. If the group statement fails as a whole (what its rows
 * cannot decide alone: stock the group together would exhaust, a concurrent writer, a deadlock),
 * every request is redone on its own with the single statement, in order. A request whose accounts
 * are not opened yet (a first charge) is done on its own after the group.
 */
export async function writeGroup<R, A extends GroupRow, T>(db: Db, group: R[], w: {
  statement: PreparedStatement<{ rows: string; chain: number }>;
  /** The request as the group statement's JSON row (`n` = its place). */
  row: (r: R, n: number, chain: number) => Record<string, unknown>;
  /** The single-request statement. */
  one: (r: R, chain: number) => Promise<T>;
  /** The answer from the request's row (undefined: the canteen or item does not exist). */
  answer: (r: R, x: A | undefined) => Promise<T>;
}): Promise<Outcome<T>[]> {
  const chain = randomInt(AUDIT_CHAINS);
  if (group.length === 1) return [await settle(() => w.one(group[0]!, chain))];
  let answers: A[];
  try {
    answers = (await w.statement.execute(db, { rows: JSON.stringify(group.map((r, n) => w.row(r, n, chain))), chain })).rows as unknown as A[];
  } catch {
    const out: Outcome<T>[] = [];
    for (const r of group) out.push(await settle(() => w.one(r, chain)));
    return out;
  }
  const byN = new Map(answers.map((x) => [Number(x.n), x]));
  const out: Outcome<T>[] = [];
  for (const [n, r] of group.entries()) {
    const x = byN.get(n);
    out.push(await settle(() => (x?.needsAccounts ? w.one(r, chain) : w.answer(r, x?.id == null ? undefined : x))));
  }
  return out;
}
