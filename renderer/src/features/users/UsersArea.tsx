import { Container, Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { mayUse } from '../../app/admin-areas';
import { MissingRightPage } from '../../app/MissingRightPage';
import { useSession } from '../../lib/session';
import { InvitationsPage } from './InvitationsPage';
import { SecurityPolicyPage } from './SecurityPolicyPage';
import { UserListPage } from './UserListPage';

const POLICY_PATH = '/users/policy';
const INVITATIONS_PATH = '/users/invitations';
const TAB_PATHS = { list: '/users', invitations: INVITATIONS_PATH, policy: POLICY_PATH } as const;
type UsersTab = keyof typeof TAB_PATHS;

function tabOf(pathname: string): UsersTab {
  if (pathname.startsWith(POLICY_PATH)) return 'policy';
  return pathname.startsWith(INVITATIONS_PATH) ? 'invitations' : 'list';
}

/** Users, invitations and the portal security policy: three tabs, each its own route. */
export function UsersArea() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const tab = tabOf(pathname);
  // The policy is the security right's (administrator roles); a user administrator sees users and invitations only.
  const session = useSession().data;
  const policyAllowed = session == null || mayUse(session, 'security');
  return (
    <Container size="xl" py="md">
      <Stack gap="md">
        <Title order={1}>{t(tab === 'policy' ? 'users:policy.title' : 'users:title')}</Title>
        <Tabs value={tab} onChange={(value) => void navigate(TAB_PATHS[value === 'policy' || value === 'invitations' ? value : 'list'])}>
          <Tabs.List aria-label={t('users:tabs.label')}>
            <Tabs.Tab value="list" data-testid="users-tab-list">
              {t('users:tabs.list')}
            </Tabs.Tab>
            <Tabs.Tab value="invitations" data-testid="users-tab-invitations">
              {t('users:tabs.invitations')}
            </Tabs.Tab>
            {policyAllowed && (
              <Tabs.Tab value="policy" data-testid="users-tab-policy">
                {t('users:tabs.policy')}
              </Tabs.Tab>
            )}
          </Tabs.List>
          {/* The routed page is the active tab's panel, so the tab's aria-controls points at it. */}
          <Tabs.Panel value={tab} pt="md">
            <Routes>
              <Route index element={<UserListPage />} />
              <Route path="invitations" element={<InvitationsPage />} />
              <Route path="policy" element={policyAllowed ? <SecurityPolicyPage /> : <MissingRightPage area="security" />} />
            </Routes>
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Container>
  );
}
