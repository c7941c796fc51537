import { Button, Flex, Layout, theme } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ActingScope } from './ActingScope';
import { NotificationBell } from './NotificationBell';
import { UserMenu } from './UserMenu';

/** Header: menu button (phones), acting scope, notifications, user menu. */
export function HeaderBar({ isMobile, onOpenMenu }: { isMobile: boolean; onOpenMenu: () => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Layout.Header
      style={{
        background: token.colorBgContainer,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        padding: isMobile ? '0 8px' : '0 24px',
        height: 56,
        lineHeight: '56px',
      }}
    >
      <Flex align="center" justify="space-between" gap={8} style={{ height: '100%' }}>
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          {isMobile && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              onClick={onOpenMenu}
              aria-label={t('shell.openMenu')}
              data-testid="menu-toggle"
              style={{ width: 44, height: 44 }}
            />
          )}
          <ActingScope compact={isMobile} />
        </Flex>
        <Flex align="center" gap={isMobile ? 0 : 8}>
          <NotificationBell />
          <UserMenu compact={isMobile} />
        </Flex>
      </Flex>
    </Layout.Header>
  );
}
