import { Container, Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { SecurityPolicyPage } from './SecurityPolicyPage';
import { UserListPage } from './UserListPage';

const POLICY_PATH = '/users/policy';

/** Users and the portal security policy: two tabs, each its own route (/users, /users/policy). */
export function UsersArea() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const tab = pathname.startsWith(POLICY_PATH) ? 'policy' : 'list';
  return (
    <Container size="xl" py="md">
      <Stack gap="md">
        <Title order={1}>{t(tab === 'policy' ? 'users:policy.title' : 'users:title')}</Title>
        <Tabs value={tab} onChange={(value) => void navigate(value === 'policy' ? POLICY_PATH : '/users')}>
          <Tabs.List>
            <Tabs.Tab value="list" data-testid="users-tab-list">
              {t('users:tabs.list')}
            </Tabs.Tab>
            <Tabs.Tab value="policy" data-testid="users-tab-policy">
              {t('users:tabs.policy')}
            </Tabs.Tab>
          </Tabs.List>
        </Tabs>
        <Routes>
          <Route index element={<UserListPage />} />
          <Route path="policy" element={<SecurityPolicyPage />} />
        </Routes>
      </Stack>
    </Container>
  );
}
