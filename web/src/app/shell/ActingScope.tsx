import { Button, Flex, Popover, Tag, Typography } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../kernel/auth';
import { localName } from '../../i18n';

/** Who the user acts as: their org unit, and every unit they act over with the roles held there. */
export function ActingScope({ compact }: { compact: boolean }) {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const roleName = (code: string) => {
    const r = me.roles.find((x) => x.code === code || x.nameZh === code || x.nameEn === code);
    return r ? localName(r, i18n.language) : code;
  };
  const detail = (
    <Flex vertical gap={8} style={{ maxWidth: 360 }}>
      <Typography.Text type="secondary">{t('shell.ownUnit')}</Typography.Text>
      <Typography.Text strong>{me.orgUnitName}</Typography.Text>
      <Typography.Text type="secondary">{t('shell.scopes')}</Typography.Text>
      {me.scopes.length === 0 && <Typography.Text>{t('shell.noScopes')}</Typography.Text>}
      {me.scopes.map((s) => (
        <div key={s.unitId}>
          <Typography.Text>{s.unitName}</Typography.Text>
          <div>
            {s.roles.map((r) => (
              <Tag key={r} color="blue" style={{ marginTop: 4 }}>
                {roleName(r)}
              </Tag>
            ))}
          </div>
        </div>
      ))}
    </Flex>
  );
  const first = me.scopes[0];
  return (
    <Popover content={detail} title={t('shell.actingScope')} trigger="click" placement="bottomLeft">
      <Button type="text" data-testid="acting-scope" style={{ maxWidth: compact ? 180 : 480, overflow: 'hidden' }}>
        <ApartmentOutlined />
        <Typography.Text ellipsis style={{ maxWidth: compact ? 140 : 440 }}>
          {me.orgUnitName}
          {!compact && first && first.roles.length > 0 ? ` · ${first.roles.map(roleName).join(t('common.listSeparator'))}` : ''}
          {!compact && me.scopes.length > 1 ? ` ${t('shell.moreScopes', { count: me.scopes.length - 1 })}` : ''}
        </Typography.Text>
      </Button>
    </Popover>
  );
}
