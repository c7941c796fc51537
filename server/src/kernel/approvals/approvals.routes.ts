import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ApprovalDetail, ApprovalRequest, DecisionBody, IdParam, Ok, Page, PageQuery } from '@guanjia/contracts';
import { SELF } from '../auth/permissions';
import { actorOf, subjectOf } from '../http/types';
import { decide, resubmitApproval } from './approvals.service';
import { detail, forObject, inbox, mine } from './approvals.query';
import { registerApprovalFiles } from './approval-files';

registerApprovalFiles();

const tags = ['approvals'];

export async function approvalRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/approvals/inbox', { config: { permission: 'kernel.approvals.decide' }, schema: { tags, querystring: PageQuery, response: { 200: Page(ApprovalRequest) } } }, (req) =>
    inbox(app.db, actorOf(req), req.query));
  r.get('/api/approvals/mine', { config: { permission: SELF }, schema: { tags, querystring: PageQuery, response: { 200: Page(ApprovalRequest) } } }, (req) =>
    mine(app.db, actorOf(req), req.query));
  r.get('/api/approvals', { config: { permission: SELF }, schema: { tags, querystring: z.object({ objectType: z.string().max(50), objectId: z.string().max(50) }), response: { 200: Page(ApprovalRequest) } } }, (req) =>
    forObject(app.db, actorOf(req), req.query.objectType, req.query.objectId));
  r.get('/api/approvals/:id', { config: { permission: SELF }, schema: { tags, params: IdParam, response: { 200: ApprovalDetail } } }, (req) => detail(app.db, actorOf(req), req.params.id));
  r.post('/api/approvals/:id/decide', { config: { permission: 'kernel.approvals.decide' }, schema: { tags, params: IdParam, body: DecisionBody, response: { 200: ApprovalDetail } } }, async (req) => {
    await decide(app.db, actorOf(req), subjectOf(req), req.params.id, req.body);
    return detail(app.db, actorOf(req), req.params.id);
  });
  r.post('/api/approvals/:id/resubmit', { config: { permission: SELF }, schema: { tags, params: IdParam, response: { 200: Ok } } }, async (req) => {
    const actor = actorOf(req);
    await app.db.transaction((tx) => resubmitApproval(tx, { ...subjectOf(req), userId: actor.userId }, req.params.id));
    return { ok: true } as const;
  });
}
