import { sql } from 'drizzle-orm';
import type { Suggestion, SuggestionCounts } from '@guanjia/contracts/plans';
import type { Db, Tx } from '../../db/client';

export async function listSuggestions(db: Db | Tx, draftId: number): Promise<Suggestion[]> {
  const r = await db.execute(sql`select s.id, s.draft_id as "draftId", s.source, s.author, s.content, s.outcome, s.reason, s.item_ids as "itemIds",
      coalesce((select array_agg(i.title order by i.id) from plan_items i where i.id = any(s.item_ids)), '{}') as "itemTitles", s.created_at as "createdAt"
    from plan_suggestions s where s.draft_id = ${draftId} order by s.id`);
  return (r.rows as (Suggestion & { createdAt: Date | string })[]).map((x) => ({ ...x, itemIds: x.itemIds ?? [], createdAt: new Date(x.createdAt).toISOString() }));
}

/** Counts by source and by outcome over the drafts the condition selects. */
export async function suggestionCounts(db: Db | Tx, where: ReturnType<typeof sql>): Promise<SuggestionCounts> {
  const r = await db.execute(sql`select s.source, s.outcome, count(*)::int as n from plan_suggestions s join plan_suggestion_drafts d on d.id = s.draft_id
    where ${where} group by 1, 2`);
  const out: SuggestionCounts = { bySource: {}, byOutcome: {}, total: 0 };
  for (const x of r.rows as { source: string; outcome: string; n: number }[]) {
    out.bySource[x.source] = (out.bySource[x.source] ?? 0) + x.n;
    out.byOutcome[x.outcome] = (out.byOutcome[x.outcome] ?? 0) + x.n;
    out.total += x.n;
  }
  return out;
}
