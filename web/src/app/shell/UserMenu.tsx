import { useState } from 'react';
import { App, Avatar, Button, Dropdown, Typography, type MenuProps } from 'antd';
import { GlobalOutlined, KeyOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../kernel/mutation';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../kernel/contracts';
import { api, setCsrfToken } from '../../kernel/api';
import { meQueryKey, useAuth } from '../../kernel/auth';
import { useNotifyError } from '../../kernel/errors';
import { changeLocale, currentLocale, otherLocale } from '../../i18n';
import { ChangePasswordModal, TotpModal } from './AccountDialogs';

/** Avatar menu: language, password, second factor, sign out. */
export function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  const [dialog, setDialog] = useState<'password' | 'totp' | null>(null);

  const switchLocale = useMutation({
    mutationFn: async () => {
      const locale = otherLocale(currentLocale());
      await api.put('/api/auth/locale', { locale });
      await changeLocale(locale);
      qc.setQueryData<Me>(meQueryKey, (old) => (old ? { ...old, locale } : old));
    },
    onError: notifyError,
  });

  const logout = useMutation({
    mutationFn: () => api.post('/api/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      void navigate('/login', { replace: true });
      qc.clear();
      void message.success(t('shell.loggedOut'));
    },
  });

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <span>
          {me.displayName} <Typography.Text type="secondary">({me.username})</Typography.Text>
        </span>
      ),
    },
    { type: 'divider' },
    {
      key: 'lang',
      icon: <GlobalOutlined />,
      label: <span data-testid="lang-switch">{t('shell.switchTo', { lang: t(`common.localeName.${otherLocale(currentLocale())}`) })}</span>,
    },
    { key: 'password', icon: <KeyOutlined />, label: <span data-testid="change-password">{t('auth.changePassword')}</span> },
    { key: 'totp', icon: <SafetyOutlined />, label: <span data-testid="totp-setup">{t('auth.secondFactor')}</span> },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, danger: true, label: <span data-testid="logout">{t('shell.logout')}</span> },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'lang') switchLocale.mutate();
    else if (key === 'password') setDialog('password');
    else if (key === 'totp') setDialog('totp');
    else if (key === 'logout') logout.mutate();
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
        <Button type="text" data-testid="user-menu" aria-label={t('shell.userMenu')} style={{ height: 44 }}>
          <Avatar size="small" icon={<UserOutlined />} />
          {!compact && <span>{me.displayName}</span>}
        </Button>
      </Dropdown>
      <ChangePasswordModal open={dialog === 'password'} onClose={() => setDialog(null)} />
      <TotpModal open={dialog === 'totp'} enabled={me.totpEnabled} onClose={() => setDialog(null)} />
    </>
  );
}
