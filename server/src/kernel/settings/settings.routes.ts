import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PasswordPolicy, SecurityPolicy } from '@guanjia/contracts';
import { audit } from '../audit/audit.service';
import { subjectOf } from '../http/types';
import { AppError } from '../http/errors';
import { getSetting, invalidateSetting, putSetting, settingDefinition, type SettingKey } from './settings.service';

const tags = ['settings'];

export async function settingsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const pair = <K extends SettingKey>(key: K, schema: typeof PasswordPolicy | typeof SecurityPolicy) => {
    const def = settingDefinition(key);
    r.get(`/api/settings/${key}`, { config: { permission: def.permission.read }, schema: { tags, response: { 200: schema } } }, () => getSetting(app.db, key));
    r.put(`/api/settings/${key}`, { config: { permission: def.permission.write }, schema: { tags, body: schema, response: { 200: schema } } }, async (req) => {
      // Settings apply to the whole installation: a prefecture's or county's admin may not change them.
      if (!req.scope.coversRoot) throw new AppError('scope_root_required', 403);
      const before = await getSetting(app.db, key);
      await app.db.transaction(async (tx) => {
        await putSetting(tx, key, req.body as never);
        await audit(tx, subjectOf(req), { action: 'settings.update', objectType: 'setting', objectId: key, before, after: req.body });
      });
      invalidateSetting(key);
      return getSetting(app.db, key);
    });
  };
  pair('password-policy', PasswordPolicy);
  pair('security-policy', SecurityPolicy);
}
