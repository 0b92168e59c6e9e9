import { Container, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconApps, IconArrowsLeftRight, IconBinaryTree, IconHelpHexagon, IconLayoutGrid, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { ApplicationRightsTab } from './ApplicationRightsTab';
import { CompareTab } from './CompareTab';
import { ExplainTab } from './ExplainTab';
import { FunctionPermissionsTab } from './FunctionPermissionsTab';
import { OrgStructureTab } from './OrgStructureTab';
import { PrincipalsTab } from './PrincipalsTab';

const tabs = [
  { key: 'principals', icon: IconUsersGroup },
  { key: 'applications', icon: IconApps },
  { key: 'functions', icon: IconLayoutGrid },
  { key: 'org', icon: IconBinaryTree },
  { key: 'explain', icon: IconHelpHexagon },
  { key: 'compare', icon: IconArrowsLeftRight },
] as const;

/** Groups, roles and lists; application rights; function permissions; org structure; explain and compare. */
export function RightsPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const current = tabs.find((tab) => pathname.startsWith(`/rights/${tab.key}`))?.key ?? 'principals';
  return (
    <Container size="xl" py="md">
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={1}>{t('rights:title')}</Title>
          <Text size="sm" c="dimmed">
            {t('rights:intro')}
          </Text>
        </Stack>
        <Tabs value={current} onChange={(value) => value && navigate(`/rights/${value}`)} keepMounted={false}>
          <Tabs.List aria-label={t('rights:tabs.label')}>
            {tabs.map(({ key, icon: Icon }) => (
              <Tabs.Tab key={key} value={key} leftSection={<Icon size={16} aria-hidden />} data-testid={`rights-tab-${key}`}>
                {t(`rights:tabs.${key}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {/* The routed page is the active tab's panel, so the tab's aria-controls points at it. */}
          <Tabs.Panel value={current}>
            <Routes>
              <Route index element={<Navigate to="principals" replace />} />
              <Route path="principals/:id?" element={<PrincipalsTab />} />
              <Route path="applications/:id?" element={<ApplicationRightsTab />} />
              <Route path="functions" element={<FunctionPermissionsTab />} />
              <Route path="org" element={<OrgStructureTab />} />
              <Route path="explain" element={<ExplainTab />} />
              <Route path="compare" element={<CompareTab />} />
              <Route path="*" element={<Navigate to="principals" replace />} />
            </Routes>
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Container>
  );
}
