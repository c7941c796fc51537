import { Card, Checkbox, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../kernel/contracts';
import { localName } from '../../../i18n';
import { groupByModule } from './role-api';

interface Props {
  permissions: Permission[];
  value?: string[];
  onChange?: (v: string[]) => void;
  disabled?: boolean;
}

/** Tick permissions module by module; the module box ticks all of it. */
export function PermissionPicker({ permissions, value = [], onChange, disabled }: Props) {
  const { t, i18n } = useTranslation();
  const chosen = new Set(value);
  const set = (codes: string[], on: boolean) => {
    const next = new Set(chosen);
    codes.forEach((c) => (on ? next.add(c) : next.delete(c)));
    onChange?.([...next]);
  };
  return (
    <Flex vertical gap={12}>
      {groupByModule(permissions).map(([module, perms]) => {
        const codes = perms.map((p) => p.code);
        const n = codes.filter((c) => chosen.has(c)).length;
        return (
          <Card
            key={module}
            size="small"
            title={
              <Checkbox
                checked={n === codes.length}
                indeterminate={n > 0 && n < codes.length}
                disabled={disabled}
                onChange={(e) => set(codes, e.target.checked)}
              >
                {t(`roles.module.${module}`, { defaultValue: module })}
              </Checkbox>
            }
          >
            <Flex vertical gap={4}>
              {perms.map((p) => (
                <Checkbox key={p.code} checked={chosen.has(p.code)} disabled={disabled} onChange={(e) => set([p.code], e.target.checked)}>
                  {localName(p, i18n.language)} <Typography.Text type="secondary" code>{p.code}</Typography.Text>
                </Checkbox>
              ))}
            </Flex>
          </Card>
        );
      })}
    </Flex>
  );
}
