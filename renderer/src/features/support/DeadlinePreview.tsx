import { Group, Stack, Text } from '@mantine/core';
import { IconClock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Severity } from '../../../../common/domain/sla';
import { responseDue } from '../../../../common/domain/ticket-clock';
import { formatDateTime } from '../../lib/format';
import { usePortalInfo } from '../../lib/session';
import { useNow } from './format';
import { targetText } from './SupportPackageLine';

/** When the first response would be due if the ticket were sent now, from the portal's support package. */
export function DeadlinePreview({ severity }: { severity: Severity }) {
  const { t, i18n } = useTranslation();
  const portal = usePortalInfo();
  const now = useNow();
  if (!portal.data) return null;
  const pkg = portal.data.supportPackage;
  const due = responseDue(now, pkg, severity);
  return (
    <Group gap="sm" align="flex-start" wrap="nowrap" data-testid="deadline-preview">
      <IconClock size={20} aria-hidden />
      <Stack gap={2}>
        <Text size="sm" fw={600}>
          {due.dueAt === null
            ? t('support:deadline.reasonableEffort')
            : t('support:deadline.dueBy', { at: formatDateTime(due.dueAt.toISOString(), i18n.language) })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('support:deadline.basis', {
            package: t(`common:supportPackage.${pkg}`),
            severity: t(`support:severity.${severity}`),
            target: targetText(pkg, severity, t),
          })}
        </Text>
        {due.clock === 'support-hours' && <Text size="xs" c="dimmed">{t('support:deadline.supportHours')}</Text>}
        {due.clock === '24/7' && <Text size="xs" c="dimmed">{t('support:deadline.aroundTheClock')}</Text>}
      </Stack>
    </Group>
  );
}
