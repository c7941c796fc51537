import { Card, Flex, Typography, theme } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../kernel/auth';
import { appRoutes, routeTitleKey } from '../../app/routes';

/** The administration pages this user may open, each with what it is for. Nothing when there are none. */
export function ShortcutsCard() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { can } = useAuth();
  const routes = appRoutes.filter((r) => r.group && !r.hideInMenu && can(r.access));
  if (routes.length === 0) return null;
  return (
    <Card title={t('home.shortcutsTitle')} data-testid="home-shortcuts">
      <Flex vertical>
        {routes.map((r) => (
          <Link key={r.path} to={r.path} style={{ color: 'inherit' }}>
            <Flex align="center" gap={12} style={{ padding: '10px 0', borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
              <span style={{ color: token.colorPrimary, fontSize: 18 }}>{r.icon}</span>
              <Flex vertical style={{ minWidth: 0 }}>
                <Typography.Text strong>{t(routeTitleKey(r, can))}</Typography.Text>
                <Typography.Text type="secondary">{t(`home.shortcutHint.${r.titleKey.replace(/^nav\./, '')}`, { defaultValue: '' })}</Typography.Text>
              </Flex>
            </Flex>
          </Link>
        ))}
      </Flex>
    </Card>
  );
}
