import { Container, Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { AuditViewer } from './AuditViewer';
import { BackupsPanel } from './BackupsPanel';
import { BundlePanel } from './BundlePanel';
import { HealthBoard } from './HealthBoard';
import { LogsViewer } from './LogsViewer';
import { SessionsPanel } from './SessionsPanel';

export const DIAGNOSTICS_TABS = ['health', 'sessions', 'backups', 'audit', 'logs', 'bundle'] as const;
type DiagnosticsTab = (typeof DIAGNOSTICS_TABS)[number];

function isTab(value: string | undefined): value is DiagnosticsTab {
  return (DIAGNOSTICS_TABS as readonly string[]).includes(value ?? '');
}

const panels: Record<DiagnosticsTab, () => React.JSX.Element> = {
  health: HealthBoard,
  sessions: SessionsPanel,
  backups: BackupsPanel,
  audit: AuditViewer,
  logs: LogsViewer,
  bundle: BundlePanel,
};

/** Health, sessions, backups, audit trail and server log of the signed-in portal's instance; each tab has its own address. */
export function DiagnosticsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const rest = useParams()['*']?.split('/')[0];
  const tab: DiagnosticsTab = isTab(rest) ? rest : 'health';
  const Panel = panels[tab];
  return (
    <Container size="lg" py="md">
      <Stack gap="md">
        <Title order={1}>{t('diagnostics:title')}</Title>
        <Tabs value={tab} onChange={(value) => isTab(value ?? undefined) && navigate(`/diagnostics/${value}`)} keepMounted={false}>
          <Tabs.List aria-label={t('diagnostics:tabs.label')}>
            {DIAGNOSTICS_TABS.map((key) => (
              <Tabs.Tab key={key} value={key} data-testid={`diagnostics-tab-${key}`}>
                {t(`diagnostics:tabs.${key}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value={tab} pt="md">
            <Panel />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Container>
  );
}
