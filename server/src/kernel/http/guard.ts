import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, parseGrants, scopeOf } from '../auth/actor';
import { isPermission, SELF } from '../auth/permissions';
import { destroySession, findSession, SESSION_COOKIE, touchSession } from '../auth/session';
import { pickLocale } from '../i18n/messages';
import { DataScope } from '../org/scope';
import { getSetting } from '../settings/settings.service';
import { AppError } from './errors';
import { hasBadText } from './text';
import { audit } from '../audit/audit.service';
import { subjectOf } from './types';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Every route registered, with its access declaration: the census test reads `app.routeCensus`. */
export interface CensusEntry { method: string; url: string; permission?: string; public?: boolean }

/**
 * Security by construction: a route without `permission` or `public` cannot be registered, and
 * every request passes one hook that authenticates, checks CSRF, the login stage, the permission,
 * and binds the data scope.
 */
export function installGuard(app: FastifyInstance): void {
  const routeCensus: CensusEntry[] = [];
  app.decorate('routeCensus', routeCensus);
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('scope', null as unknown as DataScope);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((m) => m === 'HEAD' || m === 'OPTIONS')) return;
    // The API docs page (swagger-ui's own routes) is on the explicit public list.
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, public: true };
    const cfg = (route.config ?? {}) as { permission?: string; public?: boolean };
    if (!cfg.public && !cfg.permission) throw new Error(`Route ${methods.join(',')} ${route.url} declares no permission`);
    if (cfg.permission && !isPermission(cfg.permission)) throw new Error(`Route ${route.url}: unregistered permission ${cfg.permission}`);
    routeCensus.push({ method: methods.join(','), url: route.url, ...(cfg.permission ? { permission: cfg.permission } : {}), ...(cfg.public ? { public: true } : {}) });
  });

  app.addHook('onRequest', async (req, reply) => {
    req.locale = pickLocale(undefined, req.headers['accept-language']);
    if (!req.routeOptions.url) return; // 404: nothing to guard
    const cfg = req.routeOptions.config ?? {};
    await authenticate(app, req);
    if (req.actor) req.locale = req.actor.locale;
    if (cfg.public && !req.actor) return;
    if (!cfg.public && !req.actor) throw new AppError(req.cookies[SESSION_COOKIE] ? 'session_expired' : 'unauthenticated', 401);
    const actor = req.actor!;
    if (UNSAFE.has(req.method) && req.headers['x-csrf-token'] !== actor.csrfToken) {
      // Cookie sessions need proof the request came from our own page.
      if (!cfg.public) throw new AppError('csrf_invalid', 403);
    }
    if (cfg.public) return;
    const stage = cfg.stage;
    if (actor.mfaPending && stage !== 'any' && stage !== 'mfa') throw new AppError('totp_required_first', 403);
    if (!actor.mfaPending && actor.mustChangePassword && stage !== 'any' && stage !== 'password') throw new AppError('password_change_required', 403);
    const permission = cfg.permission!;
    if (!can(actor, permission)) {
      reply.header('x-denied-permission', permission);
      throw new AppError('forbidden', 403);
    }
    req.scope = permission === SELF ? new DataScope([]) : scopeOf(actor, permission);
  });

  // Text the database cannot store as sent (NUL, lone surrogates) is refused before any handler.
  app.addHook('preValidation', async (req) => {
    if (hasBadText(req.body) || hasBadText(req.query) || hasBadText(req.params)) throw new AppError('text_invalid', 400);
  });
}

/** Refusals are security events (MLPS 安全审计): recorded with the route and the reason. */
export async function auditDenied(app: FastifyInstance, req: FastifyRequest, code: string): Promise<void> {
  if (!req.actor) return;
  await app.db.transaction((tx) =>
    audit(tx, subjectOf(req), { action: 'access.denied', objectType: 'route', objectId: `${req.method} ${req.routeOptions.url ?? req.url}`.slice(0, 200), after: { reason: code }, result: 'denied' }),
  );
}

async function authenticate(app: FastifyInstance, req: FastifyRequest): Promise<void> {
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return;
  const s = await findSession(app.db, token);
  if (!s || !s.active) return;
  const policy = await getSetting(app.db, 'password-policy');
  if (Date.now() - s.lastSeenAt.getTime() > policy.idleTimeoutMinutes * 60_000) {
    await destroySession(app.db, s.sessionId);
    return;
  }
  // Background polling (unread count) is not activity: an unattended tab still times out.
  if (!req.routeOptions.config?.passive) await touchSession(app.db, s);
  const expired = policy.expiryDays > 0 && Date.now() - s.passwordChangedAt.getTime() > policy.expiryDays * 86_400_000;
  const { grants, roles } = parseGrants(s.grants);
  req.actor = {
    userId: s.userId, username: s.username, displayName: s.displayName, orgUnitId: s.orgUnitId, locale: s.locale,
    sessionId: s.sessionId, csrfToken: s.csrfToken, ip: req.ip, mustChangePassword: s.mustChangePassword || expired,
    mfaPending: s.mfaPending, totpEnabled: s.totpEnabled, grants, roles,
  };
}
