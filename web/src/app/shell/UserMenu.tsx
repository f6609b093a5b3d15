import { DownOutlined, IdcardOutlined, LogoutOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useLogout } from '../../api/auth';
import type { User } from '../../api/types';
import { loginPath } from '../../features/auth/notices';
import { RoleTag } from '../../ui/RoleTag';

function useSignOut() {
  const navigate = useNavigate();
  const logout = useLogout();
  return () => logout.mutate(undefined, { onSettled: () => navigate(loginPath('signedOut'), { replace: true }) });
}

/** Desktop: name, role and a sign-out button side by side. */
export function UserBar({ user }: { user: User }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  return (
    <Flex align="center" gap={12} className="yx-shell-user">
      <Avatar style={{ background: '#1668dc' }}>{user.name.slice(0, 1)}</Avatar>
      <Typography.Text strong data-testid="shell-user-name">
        {user.name}
      </Typography.Text>
      <RoleTag role={user.role} />
      <Button icon={<LogoutOutlined />} onClick={signOut}>
        {t('shell.logout')}
      </Button>
    </Flex>
  );
}

/** Phone: an avatar that opens a menu with the name, role, profile and sign-out. */
export function UserDropdown({ user }: { user: User }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'who',
            disabled: true,
            label: (
              <span>
                {user.name} · {t(`roles.${user.role}`)}
              </span>
            ),
          },
          { type: 'divider' },
          { key: 'profile', icon: <IdcardOutlined />, label: t('shell.profile') },
          { key: 'logout', icon: <LogoutOutlined />, label: t('shell.logout'), danger: true },
        ],
        onClick: ({ key }) => (key === 'logout' ? signOut() : key === 'profile' ? navigate('/profile') : undefined),
      }}
    >
      <Button type="text" aria-label={user.name} style={{ paddingInline: 4 }}>
        <Avatar size="small" style={{ background: '#1668dc' }}>
          {user.name.slice(0, 1)}
        </Avatar>
        <span data-testid="shell-user-name" className="yx-shell-user-short">
          {user.name}
        </span>
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
