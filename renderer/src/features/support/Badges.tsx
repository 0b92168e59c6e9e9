import { Badge, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Severity } from '../../../../common/domain/sla';
import type { TicketStatus, TicketSystem } from '../../../../common/portal-api/support';

const severityColor: Record<Severity, MantineColor> = { critical: 'red', major: 'orange', other: 'gray' };
const statusColor: Record<TicketStatus, MantineColor> = {
  open: 'blue',
  'in-progress': 'indigo',
  'waiting-for-customer': 'orange',
  solved: 'green',
  closed: 'gray',
};
const systemColor: Record<TicketSystem, MantineColor> = { production: 'red', test: 'yellow', dev: 'teal' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <Badge color={severityColor[severity]} variant={severity === 'critical' ? 'filled' : 'light'} miw="max-content" data-testid="severity-badge">
      {t(`support:severity.${severity}`)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="outline" miw="max-content" data-testid="status-badge">
      {t(`support:status.${status}`)}
    </Badge>
  );
}

export function SystemBadge({ system }: { system: TicketSystem }) {
  const { t } = useTranslation();
  return (
    <Badge color={systemColor[system]} variant="dot">
      {t(`support:system.${system}`)}
    </Badge>
  );
}
