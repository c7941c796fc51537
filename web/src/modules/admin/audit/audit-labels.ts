import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../kernel/contracts';

/** The kernel's audited actions, in the order the action filter lists them. Modules may add others. */
export const KNOWN_ACTIONS = [
  'auth.login', 'auth.logout', 'auth.lock', 'auth.password.change', 'auth.totp', 'auth.totp.setup', 'auth.totp.enable', 'auth.totp.disable',
  'user.create', 'user.update', 'user.import', 'user.export', 'user.password.reset', 'user.unlock', 'user.locale',
  'org.unit.create', 'org.unit.update', 'org.unit.move', 'org.unit.export',
  'role.create', 'role.update', 'role.delete', 'role.grant', 'role.revoke',
  'settings.update', 'audit.export',
  'approval.submit', 'approval.resubmit', 'approval.approve', 'approval.reject', 'approval.return',
  'file.upload', 'file.delete',
] as const;

/** Object types the kernel records; the filter lists them by name. */
export const KNOWN_OBJECT_TYPES = ['user', 'org_unit', 'role', 'setting', 'job', 'file'] as const;

const keyOf = (code: string) => code.replace(/\./g, '_');

/** A readable name for the object an entry is about, from what was recorded with it. */
function nameIn(v: unknown): string | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  for (const k of ['username', 'name', 'title', 'code']) if (typeof o[k] === 'string' && o[k]) return o[k];
  return undefined;
}

/** Human names for audit action codes and object types (the code itself when there is none). */
export function useAuditLabels() {
  const { t } = useTranslation();
  const actionLabel = useCallback((code: string) => t(`audit.actionName.${keyOf(code)}`, { defaultValue: code }), [t]);
  const objectLabel = useCallback(
    (e: AuditEntry) => {
      if (!e.objectType) return '—';
      const type = t(`audit.objectTypeName.${keyOf(e.objectType)}`, { defaultValue: e.objectType });
      const name = nameIn(e.after) ?? nameIn(e.before);
      return [type, e.objectId ? `#${e.objectId}` : null, name].filter(Boolean).join(' ');
    },
    [t],
  );
  const objectTypeLabel = useCallback((type: string) => t(`audit.objectTypeName.${keyOf(type)}`, { defaultValue: type }), [t]);
  return { actionLabel, objectLabel, objectTypeLabel };
}
