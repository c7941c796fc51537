import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, Ok } from '@guanjia/contracts';
import { Draft, DraftCreate, PublicSuggestionCreate, Suggestion, SuggestionAnswer, SuggestionCounts, SuggestionCreate } from '@guanjia/contracts/plans';
import { audit } from '../../kernel/audit/audit.service';
import { conflict, invalid, notFound } from '../../kernel/http/errors';
import { actorOf, subjectOf } from '../../kernel/http/types';
import { assertReadable, planUnit, readableUnits } from './access';
import { suggestionDrafts, suggestions } from './plans.schema';
import { listSuggestions, suggestionCounts } from './suggestions.service';

const tags = ['plans-suggestions'];
const read = { permission: 'plans.read' };
const suggest = { permission: 'plans.suggest' };
const answer = { permission: 'plans.answer' };

export async function suggestionRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;
  const draftsSql = (where: ReturnType<typeof sql>) => sql`select d.id, d.plan_id as "planId", p.name as "planName", d.title, d.open, d.public_token as "publicToken",
      (select count(*)::int from plan_suggestions s where s.draft_id = d.id) as count
    from plan_suggestion_drafts d join plan_plans p on p.id = d.plan_id where ${where} order by d.id desc`;
  const draftOf = async (id: number) => {
    const [d] = await db.select().from(suggestionDrafts).where(eq(suggestionDrafts.id, id));
    if (!d) throw notFound();
    return d;
  };

  // Staff see the calls for suggestions on their own and upper plans; only answerers see the public token.
  r.get('/api/plans/drafts', { config: suggest, schema: { tags, response: { 200: z.array(Draft) } } }, async (req) => {
    const rows = (await db.execute(draftsSql(readableUnits(req.scope, sql`d.org_unit_id`)))).rows as Draft[];
    const canAnswer = actorOf(req).grants.has('plans.answer');
    return rows.map((d) => (canAnswer ? d : { ...d, publicToken: null }));
  });

  r.post('/api/plans/drafts', { config: answer, schema: { tags, body: DraftCreate, response: { 200: z.object({ id: z.number() }) } } }, async (req) => {
    const p = await planUnit(db, req.body.planId);
    await req.scope.assert(db, p.orgUnitId);
    return db.transaction(async (tx) => {
      const [d] = await tx.insert(suggestionDrafts).values({ planId: req.body.planId, orgUnitId: p.orgUnitId, title: req.body.title, publicToken: req.body.publicLink ? randomBytes(16).toString('base64url') : null }).returning();
      await audit(tx, subjectOf(req), { action: 'plans.draft.create', objectType: 'plan_draft', objectId: d!.id, after: { ...d, publicToken: d!.publicToken ? '***' : null } });
      return { id: d!.id };
    });
  });

  r.post('/api/plans/drafts/:id/close', { config: answer, schema: { tags, params: IdParam, response: { 200: Ok } } }, async (req) => {
    const d = await draftOf(req.params.id);
    await req.scope.assert(db, d.orgUnitId);
    await db.transaction(async (tx) => {
      // The public link stays valid so its page can say the call is closed; writes through it are refused.
      await tx.update(suggestionDrafts).set({ open: false }).where(eq(suggestionDrafts.id, d.id));
      await audit(tx, subjectOf(req), { action: 'plans.draft.close', objectType: 'plan_draft', objectId: d.id });
    });
    return { ok: true as const };
  });

  r.get('/api/plans/drafts/:id/suggestions', { config: read, schema: { tags, params: IdParam, response: { 200: z.array(Suggestion) } } }, async (req) => {
    const d = await draftOf(req.params.id);
    await assertReadable(db, req.scope, d.orgUnitId);
    return listSuggestions(db, d.id);
  });

  r.post('/api/plans/drafts/:id/suggestions', { config: suggest, schema: { tags, params: IdParam, body: SuggestionCreate, response: { 200: z.object({ id: z.number() }) } } }, async (req) => {
    const d = await draftOf(req.params.id);
    await assertReadable(db, req.scope, d.orgUnitId);
    if (!d.open) throw conflict('plan_draft_closed');
    const actor = actorOf(req);
    return db.transaction(async (tx) => {
      const [s] = await tx.insert(suggestions).values({ draftId: d.id, orgUnitId: d.orgUnitId, source: req.body.source ?? 'staff', author: req.body.author ?? actor.displayName, content: req.body.content, createdBy: actor.userId }).returning();
      await audit(tx, subjectOf(req), { action: 'plans.suggestion.create', objectType: 'plan_suggestion', objectId: s!.id, after: s });
      return { id: s!.id };
    });
  });

  r.post('/api/plans/suggestions/:id/answer', { config: answer, schema: { tags, params: IdParam, body: SuggestionAnswer, response: { 200: Ok } } }, async (req) => {
    const [s] = await db.select().from(suggestions).where(eq(suggestions.id, req.params.id));
    if (!s) throw notFound();
    await req.scope.assert(db, s.orgUnitId);
    const itemIds = [...new Set(req.body.itemIds ?? [])];
    if (itemIds.length) {
      const d = await draftOf(s.draftId);
      const ok = await db.execute(sql`select count(*)::int as n from plan_items where plan_id = ${d.planId} and id in (${sql.join(itemIds.map((i) => sql`${i}`), sql`, `)})`);
      if ((ok.rows[0] as { n: number }).n !== itemIds.length) throw invalid('plan_item_parent', {}, 'body.itemIds');
    }
    await db.transaction(async (tx) => {
      const [after] = await tx.update(suggestions).set({ outcome: req.body.outcome, reason: req.body.reason, itemIds, answeredBy: actorOf(req).userId }).where(eq(suggestions.id, s.id)).returning();
      await audit(tx, subjectOf(req), { action: 'plans.suggestion.answer', objectType: 'plan_suggestion', objectId: s.id, before: s, after });
    });
    return { ok: true as const };
  });

  r.get('/api/plans/suggestions/counts', { config: read, schema: { tags, querystring: z.object({ draftId: z.coerce.number().int().positive().optional() }), response: { 200: SuggestionCounts } } }, async (req) =>
    suggestionCounts(db, sql`${readableUnits(req.scope, sql`d.org_unit_id`)} ${req.query.draftId ? sql`and d.id = ${req.query.draftId}` : sql``}`));

  // The public link (公开征求意见): no account, no captcha, a strict per-address rate limit.
  const Token = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{16,40}$/) });
  const publicDraft = async (token: string) => {
    const [d] = await db.select().from(suggestionDrafts).where(eq(suggestionDrafts.publicToken, token));
    if (!d) throw notFound();
    return d;
  };
  r.get('/api/public/plans/drafts/:token', { config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } }, schema: { tags, params: Token, response: { 200: z.object({ title: z.string(), planName: z.string(), open: z.boolean() }) } } }, async (req) => {
    const d = await publicDraft(req.params.token);
    return { title: d.title, planName: (await planUnit(db, d.planId)).name, open: d.open };
  });
  r.post('/api/public/plans/drafts/:token/suggestions', { config: { public: true, rateLimit: { max: 5, timeWindow: '1 minute' } }, schema: { tags, params: Token, body: PublicSuggestionCreate, response: { 200: Ok } } }, async (req) => {
    const d = await publicDraft(req.params.token);
    if (!d.open) throw conflict('plan_draft_closed');
    await db.transaction(async (tx) => {
      const [s] = await tx.insert(suggestions).values({ draftId: d.id, orgUnitId: d.orgUnitId, source: 'public', author: req.body.author ?? '', content: req.body.content }).returning();
      await audit(tx, subjectOf(req), { action: 'plans.suggestion.public', objectType: 'plan_suggestion', objectId: s!.id, after: { draftId: d.id } });
    });
    return { ok: true as const };
  });
}
