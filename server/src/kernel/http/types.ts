import type { Locale } from '@guanjia/contracts';
import type { Database, Db } from '../../db/client';
import type { Env } from '../../config/env';
import type { Actor, AuditSubject } from '../auth/actor';
import type { DataScope } from '../org/scope';

/**
 * Route access: every route declares exactly one of `permission` (checked against the caller's
 * roles, and binding `req.scope`) or `public: true`. Registration fails otherwise (see guard.ts).
 * `stage` lets a route run before the login is complete (second factor, forced password change).
 */
export interface RouteAccess {
  permission?: string;
  public?: boolean;
  stage?: 'any' | 'mfa' | 'password';
  /** Background polling: does not count as activity for the idle timeout. */
  passive?: boolean;
}

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface FastifyContextConfig extends RouteAccess {}
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    /** Data scope for the route's declared permission. */
    scope: DataScope;
  }
  interface FastifyInstance {
    db: Db;
    database: Database;
    env: Env;
    routeCensus: { method: string; url: string; permission?: string; public?: boolean }[];
  }
}

export function subjectOf(req: { actor: Actor | null; ip: string }): AuditSubject {
  return req.actor
    ? { userId: req.actor.userId, username: req.actor.username, orgUnitId: req.actor.orgUnitId, ip: req.ip }
    : { userId: null, username: null, orgUnitId: null, ip: req.ip };
}

/** The signed-in actor; route guards guarantee it for non-public routes. */
export function actorOf(req: { actor: Actor | null }): Actor {
  if (!req.actor) throw new Error('actorOf on a public route');
  return req.actor;
}
