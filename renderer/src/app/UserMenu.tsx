import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconAppWindow, IconChevronDown, IconLogout, IconPassword, IconSwitchHorizontal } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../common/contract';
import { describeError } from '../lib/errors';
import { openAnotherPortal } from '../lib/open-workspace';
import { useSignOut } from '../lib/session';
import { useUiStore } from '../lib/ui-store';

export function UserMenu({ session }: { session: SessionState }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const { openSignIn, showProfileList, openChangePassword } = useUiStore();
  const showFailure = (error: unknown) => {
    const { title, message } = describeError(error, t);
    notifications.show({ color: 'red', title, message });
  };
  const initials = session.user.displayName
    .split(/\s+/)
    .map((part) => part.charAt(0))
    .join('')
    .slice(0, 2)
    .toUpperCase();

  return (
    <Menu position="bottom-end" withArrow>
      <Menu.Target>
        <UnstyledButton aria-label={t('app:userMenu.open', { name: session.user.displayName })} data-testid="user-menu" p={4} style={{ borderRadius: 'var(--mantine-radius-sm)' }}>
          <Group gap={6} wrap="nowrap">
            <Avatar size="sm" radius="xl" color="blue" aria-hidden>
              {initials}
            </Avatar>
            <Text size="sm" visibleFrom="sm">
              {session.user.displayName}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('app:userMenu.signedInAs', { name: `${session.user.displayName} (${session.user.login})` })}</Menu.Label>
        <Menu.Item leftSection={<IconPassword size={16} aria-hidden />} onClick={openChangePassword}>
          {t('app:userMenu.changePassword')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconAppWindow size={16} aria-hidden />}
          data-testid="open-another-portal"
          onClick={() => void openAnotherPortal().catch((error: unknown) => showFailure(error))}
        >
          {t('app:userMenu.openAnother')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconSwitchHorizontal size={16} aria-hidden />}
          onClick={() => {
            showProfileList();
            signOut.mutate();
          }}
        >
          {t('app:userMenu.switchPortal')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          color="red"
          onClick={() => {
            openSignIn(session.profileId);
            signOut.mutate();
          }}
        >
          {t('app:userMenu.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
